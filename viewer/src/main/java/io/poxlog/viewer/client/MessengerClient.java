package io.poxlog.viewer.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A client of one messenger (PROTOCOL.md): connects (over TCP or a WebSocket, §12, with TLS if
 * asked), reads the welcome, authenticates when the welcome asks for it, and then carries
 * messages both ways; when the connection ends it connects again with backoff (0.5 s doubling to
 * 30 s by default, back to the first after a connection that lasted {@link #STABLE_AFTER} or
 * that its owner {@linkplain #markHealthy proved}). A refused or missing token is final: no more
 * attempts until {@link #retry}. The viewer's terminal UI, plain mode and test-client, and the
 * bench's soak, all speak to controllers through it.
 *
 * <p>Sending never blocks the caller: {@link #send} puts the message in a bounded queue that the
 * connection's writer thread empties, and fails at once, saying why, when the queue is full (the
 * controller stopped reading) or there is no connection. Messages sent while the connection is
 * being made wait until the token has been accepted. {@link #request} gives a message an
 * {@code XID} and returns a future for the reply that carries it (or the error reply). The
 * connections one after another, and the client's state, are its {@link ConnectionLoop}'s.
 *
 * <p>Threads: "{@code <threadName>-<host:port>}" (the loop's) connects, reads, and runs every
 * listener callback (keep them quick); it survives anything a message or a listener throws (the
 * connection is dropped, said why, and made again). "{@code <threadName>-writer-<host:port>}",
 * one per connection, writes. Every public method may be called from any thread; {@link #close}
 * is safe twice.
 */
public final class MessengerClient implements AutoCloseable {
    /** What a client reports, on its reading thread. */
    public interface Listener {
        /** The handshake is done (welcome read, token accepted); nothing queued has been written yet. */
        default void onReady(Welcome welcome) {
        }

        /**
         * Every message received, the welcome, the answer to the token and error replies
         * (PROTOCOL.md §6) included, except the replies that complete a future of {@link #request}.
         */
        default void onMessage(Message message) {
        }

        /**
         * Something the client itself had to drop or give up, in words: a message too large or
         * not JSON, messages that could not be sent, a failure handling a message.
         */
        default void onError(String error) {
        }

        /** The connection's state changed. */
        default void onState(SourceStatus status) {
        }
    }

    /** A connection that stayed ready this long makes the next failure start the backoff again. */
    public static final Duration STABLE_AFTER = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Endpoint endpoint;
    private final String source;
    private final ClientOptions options;
    private final Outbound outbound;
    private final Requests requests;
    private final ConnectionLoop loop;

    /** A client of the messenger's TCP transport on {@code host:port}. */
    public MessengerClient(String host, int port, ClientOptions options, Listener listener) {
        this(Endpoint.tcp(host, port), options, listener);
    }

    /**
     * A client of the messenger at {@code endpoint}: its TCP transport, with TLS when the options
     * say; or its WebSocket transport, with TLS for {@code wss://} (trusting what the options'
     * {@link ClientTls} trusts, or the system's CAs).
     *
     * @throws IllegalArgumentException for a {@code ws://} endpoint with TLS asked for: the URL says
     *     there is none, and a token would cross the network in the clear
     */
    public MessengerClient(Endpoint endpoint, ClientOptions options, Listener listener) {
        if (endpoint.webSocket() && !endpoint.secure() && options.tls() != null) {
            throw new IllegalArgumentException(endpoint.source() + ": TLS is asked for (" + options.tls()
                    + ") and ws:// is without it: use wss://");
        }
        this.endpoint = endpoint;
        this.source = endpoint.source();
        this.options = options;
        this.outbound = new Outbound(options.outboundLimit());
        this.requests = new Requests(source);
        this.loop = new ConnectionLoop(endpoint, options, listener, outbound, requests);
    }

    /** How statuses and records name the controller: {@code host:port}, or its WebSocket URL. */
    public String source() {
        return source;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public SourceStatus status() {
        return loop.status();
    }

    /** The current connection's welcome once its handshake is done; null between connections. */
    public Welcome welcome() {
        ClientConnection c = loop.current();
        return c == null ? null : c.welcome();
    }

    /** Messages refused or dropped unsent since the client was made. */
    public long notSent() {
        return outbound.notSent();
    }

    public MessengerClient start() {
        loop.start();
        return this;
    }

    // ---- any thread ----

    /** Queues {@code msg} to be written; never waits. */
    public SendResult send(ObjectNode msg) {
        SendResult r = accepting();
        return r != null ? r : outbound.offer(bytes(msg));
    }

    /** Queues {@code msg}, waiting up to {@code wait} for room in the queue (for a tool reading a pipe). */
    public SendResult send(ObjectNode msg, Duration wait) throws InterruptedException {
        SendResult r = accepting();
        return r != null ? r : outbound.offer(bytes(msg), wait.toNanos());
    }

    /** Queues bytes to be written exactly as given, checked for nothing: for fault injection. */
    public SendResult sendRaw(byte[] bytes) {
        SendResult r = accepting();
        return r != null ? r : outbound.offer(bytes);
    }

    /** Null when a message may be queued now, else why not. */
    private SendResult accepting() {
        ConnectionState s = loop.status().state();
        if (loop.closed()) {
            outbound.countNotSent(1);
            return SendResult.notSent("the connection to " + source + " is closed");
        }
        if (s != ConnectionState.CONNECTED && s != ConnectionState.CONNECTING) {
            outbound.countNotSent(1);
            return SendResult.notSent(source + " is not connected");
        }
        return null;
    }

    /**
     * Sends {@code msg} with an {@code XID} of the client's own (put into {@code msg}); the future
     * completes with the reply carrying it, or fails with the error reply's text
     * ({@link ServerErrorException}), when the connection ends, or after the options' timeout.
     */
    public CompletableFuture<ObjectNode> request(ObjectNode msg) {
        String xid = requests.nextXid();
        msg.put("XID", xid);
        CompletableFuture<ObjectNode> reply = requests.register(xid, options.timeout());
        SendResult r = send(msg);
        if (!r.queued()) {
            requests.fail(xid, new IOException("not sent: " + r.reason()));
        }
        return reply;
    }

    /**
     * Waits until everything queued has been written to the connection (or {@code timeout}
     * passed): before a close that must not lose what was sent. True when all was written.
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        return outbound.awaitWritten(timeout.toNanos());
    }

    /**
     * Ends the current connection and makes no more attempts until {@link #retry}: for a refusal
     * the owner recognises (a subscription the controller refused) and that would only repeat.
     */
    public void giveUp(String reason) {
        ClientConnection c = loop.current();
        if (c != null) {
            c.refuse(reason);
        }
    }

    /**
     * Says the current connection proved itself (a subscription is live on it): the next
     * failure's delay starts from the first again.
     */
    public void markHealthy() {
        ClientConnection c = loop.current();
        if (c != null) {
            c.markHealthy();
        }
    }

    /** Ends a refusal or the wait before the next attempt: connect again now. */
    public void retry() {
        loop.retry();
    }

    /** Closes the connection and ends the client's threads (waiting for them a few seconds). */
    @Override
    public void close() {
        loop.close();
    }

    /** Waits for the client's thread to end (after {@link #close}, or a once-only connection's end). */
    public void await(long timeout, TimeUnit unit) throws InterruptedException {
        loop.await(timeout, unit);
    }

    private static byte[] bytes(ObjectNode msg) {
        try {
            return MAPPER.writeValueAsBytes(msg);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree always serializes
        }
    }
}

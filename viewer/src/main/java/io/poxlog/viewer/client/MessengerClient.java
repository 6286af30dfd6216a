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
 * asked), reads the welcome,
 * authenticates when the welcome asks for it, and then carries messages both ways; when the
 * connection ends it connects again with backoff (0.5 s doubling to 30 s by default, back to the
 * first after a connection that lasted {@link #STABLE_AFTER} or that its owner
 * {@linkplain #markHealthy proved}). A refused or missing token is final: no more attempts until
 * {@link #retry}. The viewer's terminal UI, plain mode and test-client, and the bench's soak,
 * all speak to controllers through it.
 *
 * <p>Sending never blocks the caller: {@link #send} puts the message in a bounded queue that the
 * connection's writer thread empties, and fails at once, saying why, when the queue is full (the
 * controller stopped reading) or there is no connection. Messages sent while the connection is
 * being made wait until the token has been accepted. {@link #request} gives a message an
 * {@code XID} and returns a future for the reply that carries it (or the error reply).
 *
 * <p>Threads: "{@code <threadName>-<host:port>}" connects, reads, and runs every listener
 * callback (keep them quick); it survives anything a message or a listener throws (the
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
    /** The JDK HTTP client of a WebSocket endpoint's connections; null for TCP. */
    private final WsWire.Client webSockets;
    private final Listener listener;
    private final Outbound outbound;
    private final Requests requests;
    /** Guards the waits between attempts, so that {@link #retry} and {@link #close} end them. */
    private final Object lock = new Object();
    private boolean retryNow;
    private volatile boolean closed;
    private volatile SourceStatus status;
    private volatile ClientConnection current;
    private Thread thread;

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
        this.webSockets = endpoint.webSocket() ? new WsWire.Client(options.threadName() + "-" + source) : null;
        this.listener = listener;
        this.outbound = new Outbound(options.outboundLimit());
        this.requests = new Requests(source);
        this.status = new SourceStatus(source, ConnectionState.CONNECTING, "", 0);
    }

    /** How statuses and records name the controller: {@code host:port}, or its WebSocket URL. */
    public String source() {
        return source;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public SourceStatus status() {
        return status;
    }

    /** The current connection's welcome once its handshake is done; null between connections. */
    public Welcome welcome() {
        ClientConnection c = current;
        return c == null ? null : c.welcome();
    }

    /** Messages refused or dropped unsent since the client was made. */
    public long notSent() {
        return outbound.notSent();
    }

    public synchronized MessengerClient start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, options.threadName() + "-" + source);
            thread.setDaemon(true);
            thread.start();
        }
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
        ConnectionState s = status.state();
        if (closed) {
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
        ClientConnection c = current;
        if (c != null) {
            c.refuse(reason);
        }
    }

    /**
     * Says the current connection proved itself (a subscription is live on it): the next
     * failure's delay starts from the first again.
     */
    public void markHealthy() {
        ClientConnection c = current;
        if (c != null) {
            c.markHealthy();
        }
    }

    /** Ends a refusal or the wait before the next attempt: connect again now. */
    public void retry() {
        synchronized (lock) {
            ConnectionState s = status.state();
            if (s == ConnectionState.REFUSED || s == ConnectionState.RECONNECTING) {
                retryNow = true;
                lock.notifyAll();
            }
        }
    }

    /** Closes the connection and ends the client's threads (waiting for them a few seconds). */
    @Override
    public void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        ClientConnection c = current;
        if (c != null) {
            c.abort();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        setState(ConnectionState.CLOSED, status.state() == ConnectionState.CLOSED ? status.detail() : "", 0);
    }

    /** Waits for the client's thread to end (after {@link #close}, or a once-only connection's end). */
    public void await(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(unit.toMillis(timeout));
        }
    }

    private static byte[] bytes(ObjectNode msg) {
        try {
            return MAPPER.writeValueAsBytes(msg);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree always serializes
        }
    }

    // ---- the client's thread ----

    private void run() {
        Backoff backoff = new Backoff(options.firstRetry(), options.maxRetry());
        while (!closed) {
            try {
                round(backoff);
            } catch (Throwable t) {
                // The last resort (a listener's Error from a state change, say): the thread that
                // serves this controller must not die of it, or its status would lie from now on.
                long delay = backoff.next();
                setState(ConnectionState.RECONNECTING, "the client failed: " + t, System.currentTimeMillis() + delay);
                waitBeforeRetry(delay);
            }
        }
        if (status.state() != ConnectionState.CLOSED) {
            setState(ConnectionState.CLOSED, "", 0);
        }
    }

    /** One attempt: waits out a refusal, connects, serves, ends, and waits before the next. */
    private void round(Backoff backoff) {
        if (status.state() == ConnectionState.REFUSED) {
            waitBeforeRetry(Long.MAX_VALUE); // until retry() or close()
            if (closed) {
                return;
            }
            backoff.reset();
        }
        synchronized (lock) {
            retryNow = false;
        }
        setState(ConnectionState.CONNECTING, "", 0);
        Wire wire = webSockets != null ? new WsWire(endpoint, options, webSockets) : new TcpWire(endpoint, options);
        ClientConnection a = new ClientConnection(endpoint, wire, options, listener, requests, outbound, this::ready, this::report);
        current = a;
        if (closed) {
            a.abort(); // close() may have looked for a connection before this one was there
        }
        String reason;
        boolean failed = false;
        try {
            reason = a.serve();
        } catch (Throwable t) {
            failed = true;
            // Anything a message or a listener threw (an OutOfMemoryError too): this
            // connection ends, the client goes on.
            reason = "dropped the connection after failing on a message: " + t;
            report("failed on a message from " + source + " (" + t + "); "
                    + (options.reconnect() ? "reconnecting" : "closing"));
        }
        end(a, reason);
        if (closed) {
            return;
        }
        if (a.refused() != null) {
            setState(ConnectionState.REFUSED, a.refused(), 0);
            return;
        }
        if (!options.reconnect()) {
            closed = true;
            setState(ConnectionState.CLOSED, reason, 0);
            return;
        }
        if (a.proven() && !failed) {
            backoff.reset(); // not after a failure of ours: one that repeats on every resume backs off too
        }
        long delay = backoff.next();
        setState(ConnectionState.RECONNECTING, reason, System.currentTimeMillis() + delay);
        waitBeforeRetry(delay);
    }

    private void waitBeforeRetry(long millis) {
        long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            while (!closed && !retryNow) {
                long left = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000;
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    break;
                }
                try {
                    lock.wait(left); // the backoff itself (0 waits until told)
                } catch (InterruptedException e) {
                    closed = true;
                }
            }
            retryNow = false;
        }
    }

    /** Ends a connection: closes it, stops its writer, and fails or drops what was waiting on it. */
    private void end(ClientConnection c, String reason) {
        try {
            c.end();
        } catch (InterruptedException e) {
            closed = true;
        }
        current = null;
        requests.failAll(source + " disconnected (" + reason + ")");
        int dropped = outbound.discard();
        if (dropped > 0 && !closed) {
            report(dropped + (dropped == 1 ? " message" : " messages") + " waiting to be sent to " + source
                    + " were not sent: the connection ended");
        }
    }

    /** The connection's handshake is done. */
    private void ready() {
        setState(ConnectionState.CONNECTED, "", 0);
    }

    private void report(String error) {
        try {
            listener.onError(error);
        } catch (RuntimeException ignored) {
            // a listener's failure must not stop the client (an Error reaches run's last resort)
        }
    }

    private void setState(ConnectionState state, String detail, long retryAtMillis) {
        SourceStatus s = new SourceStatus(source, state, detail, retryAtMillis);
        status = s;
        try {
            listener.onState(s);
        } catch (RuntimeException ignored) {
            // a listener's failure must not stop the client
        }
    }
}

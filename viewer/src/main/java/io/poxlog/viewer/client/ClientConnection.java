package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * One connection of a {@link MessengerClient}: dials (TCP, or a WebSocket: a {@link Wire} either
 * way), speaks TLS if asked, reads the welcome, presents the token when the welcome asks for one
 * (before anything queued is written), then reads until the connection ends, while a writer
 * thread of its own writes the client's outbound queue. Every way it can end becomes a reason in
 * words.
 *
 * <p>The client's thread calls {@link #serve} and {@link #end}; {@link #abort}, {@link #refuse},
 * {@link #markHealthy} and {@link #welcome} may be called from any thread.
 */
final class ClientConnection {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Endpoint endpoint;
    private final String source;
    private final ClientOptions options;
    private final MessengerClient.Listener listener;
    private final Requests requests;
    private final Outbound outbound;
    private final Runnable ready;
    private final Consumer<String> report;
    private final Wire wire;

    private volatile boolean aborted;
    private volatile Welcome welcome;
    private volatile boolean healthy;
    private volatile IOException writeFailure;
    /** Set when the controller (or the client's owner) refused this client for good. */
    private volatile String refused;
    private volatile long readyAtNanos;
    private Thread writer;
    // client thread only
    private String phase = "connection";
    /** The last error the controller sent during the handshake: why it closes, usually. */
    private String handshakeError;

    /**
     * @param wire what carries the messages, not yet connected
     * @param ready called once the handshake is done, before the listener's {@code onReady}
     * @param report says what the connection had to drop (the listener's {@code onError})
     */
    ClientConnection(Endpoint endpoint, Wire wire, ClientOptions options, MessengerClient.Listener listener,
                     Requests requests, Outbound outbound, Runnable ready, Consumer<String> report) {
        this.endpoint = endpoint;
        this.wire = wire;
        this.source = endpoint.source();
        this.options = options;
        this.listener = listener;
        this.requests = requests;
        this.outbound = outbound;
        this.ready = ready;
        this.report = report;
    }

    /** The welcome once the handshake is done; null before. */
    Welcome welcome() {
        return welcome;
    }

    /** Why the connection was refused for good, or null. */
    String refused() {
        return refused;
    }

    void markHealthy() {
        healthy = true;
    }

    /** Whether it proved itself: marked healthy, or ready for {@link MessengerClient#STABLE_AFTER}. */
    boolean proven() {
        long at = readyAtNanos;
        return healthy || at != 0 && System.nanoTime() - at >= MessengerClient.STABLE_AFTER.toNanos();
    }

    /** Ends the connection and makes it final: no more attempts until the client is told to retry. */
    void refuse(String reason) {
        refused = reason;
        abort();
    }

    /** Ends the connection at once: unblocks the reader and the writer, whatever the transport. */
    void abort() {
        aborted = true;
        wire.abort();
    }

    /** After {@link #serve} returned or threw: closes the connection and waits for its writer. */
    void end() throws InterruptedException {
        abort();
        Thread w = writer;
        if (w != null) {
            w.interrupt();
            w.join(5000);
        }
    }

    /**
     * Makes the connection and serves it until it ends; returns why it ended, in words. What a
     * listener throws passes through: the client ends the connection for it.
     */
    String serve() throws IOException {
        if (aborted) {
            return "closed";
        }
        int timeout = (int) options.timeout().toMillis();
        try {
            if (new InetSocketAddress(endpoint.host(), endpoint.port()).isUnresolved()) {
                return "unknown host " + endpoint.host();
            }
            wire.connect(timeout, p -> phase = p);
            RecordParser parser = new RecordParser();
            Welcome w = handshake(parser);
            if (w == null) {
                return refused;
            }
            wire.readTimeout(0);
            welcome = w;
            readyAtNanos = System.nanoTime();
            phase = "reading";
            ready.run();
            listener.onReady(w);
            writer = startWriter();
            return read(parser);
        } catch (UnknownHostException e) {
            return "unknown host " + endpoint.host();
        } catch (SocketTimeoutException e) {
            return "no " + phase + " within " + timeout / 1000 + " s" + (phase.equals("welcome") ? tlsHint() : "");
        } catch (SSLException e) {
            return "TLS: " + e.getMessage();
        } catch (EOFException e) {
            if (handshakeError != null) {
                return "closed by the controller: " + handshakeError;
            }
            return e.getMessage() + (phase.equals("welcome") ? tlsHint() : "");
        } catch (IOException e) {
            if (refused != null) {
                return refused;
            }
            if (writeFailure != null) {
                return "writing to the controller failed: " + describe(writeFailure);
            }
            return describe(e);
        }
    }

    /** A controller that speaks TLS waits for a client's TLS, and closes on anything else. */
    private String tlsHint() {
        return options.tls() == null && !endpoint.webSocket() ? " (a controller that speaks TLS does that to a client without it: try --tls)" : "";
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Reads up to the welcome and, when it asks for one, sends the token and reads up to its
     * answer. Returns the welcome, or null when the controller refused this client (then
     * {@link #refused} says why).
     */
    private Welcome handshake(RecordParser parser) throws IOException {
        phase = "welcome";
        Welcome w = null;
        while (w == null) {
            Message m = next(parser, "the controller closed the connection before its welcome" + tlsHint());
            if (m == null) {
                continue;
            }
            if (m.channel().isEmpty() && "welcome".equals(m.cmd())) {
                w = Welcome.of(m.tree());
            } else if (m.isError()) {
                handshakeError = m.tree().path("error").asText("");
            }
            listener.onMessage(m);
        }
        if (!w.authRequired()) {
            return w;
        }
        if (options.token() == null) {
            if (options.proceedWithoutToken()) {
                return w;
            }
            refused = "a token is required; give it with --token-file or " + ClientToken.ENV;
            return null;
        }
        // The token first, before anything queued: the controller refuses everything until it has it.
        String xid = requests.nextXid();
        wire.write(MAPPER.writeValueAsBytes(ClientToken.request(options.token()).put("XID", xid)));
        wire.flush();
        phase = "answer to the token";
        while (true) {
            Message m = next(parser, "the controller closed the connection before answering the token");
            if (m == null) {
                continue;
            }
            listener.onMessage(m);
            if (xid.equals(m.xid())) {
                if (m.isError()) {
                    refused = "the controller refused the token: " + m.tree().path("error").asText("");
                    return null;
                }
                if ("authenticated".equals(m.cmd())) {
                    return w;
                }
            }
        }
    }

    /** Serves a ready connection until it ends; returns why it ended. */
    private String read(RecordParser parser) throws IOException {
        while (true) {
            Message m = next(parser, null);
            if (m == null) {
                if (wire.endOfStream()) {
                    String how = wire.endReason();
                    return refused != null ? refused : "connection closed by the controller" + (how.isEmpty() ? "" : " (" + how + ")");
                }
                continue;
            }
            try {
                String xid = m.xid();
                if (xid != null && requests.complete(xid, m)) {
                    continue;
                }
                listener.onMessage(m);
            } catch (Message.MalformedMessageException e) {
                report.accept("the controller sent a message that is " + e.getMessage());
            }
        }
    }

    /**
     * The next message, or null for one that was dropped (too large, not JSON: reported) and at
     * the end of the stream (then {@link Wire#endOfStream}; during the handshake an
     * EOFException saying {@code endBefore} instead).
     */
    private Message next(RecordParser parser, String endBefore) throws IOException {
        byte[] b = wire.next();
        if (b == null) {
            if (endBefore != null) {
                throw new EOFException(endBefore);
            }
            return null;
        }
        if (b == MessageReader.OVERSIZED) {
            report.accept("dropped a message of " + String.format("%,d", wire.skippedBytes()) + " bytes from " + source
                    + ": larger than " + String.format("%,d", options.maxMessageBytes()) + " bytes, the most a message may be");
            return null;
        }
        try {
            parser.parse(b);
        } catch (IOException e) {
            report.accept("the controller sent a message that is not valid JSON: " + new Message(b, parser.fields()).preview());
            return null;
        }
        return new Message(b, parser.fields());
    }

    private Thread startWriter() {
        Thread w = new Thread(() -> {
            try {
                outbound.writeUntilEnd(wire);
            } catch (InterruptedException | InterruptedIOException e) {
                // the connection ends
            } catch (IOException e) {
                writeFailure = e;
                abort(); // the reader ends the connection and says why
            }
        }, options.threadName() + "-writer-" + source);
        w.setDaemon(true);
        w.start();
        return w;
    }
}

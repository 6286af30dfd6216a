package io.poxlog.viewer.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A controller played by the test, on a real loopback socket: for what a real one will not do
 * on demand (refuse a token after a chosen message, stop reading, send a hostile notice, restart
 * with a new log id before the server side exists). The test accepts each connection and says
 * every word itself; every wait has a deadline.
 */
public final class ScriptedController implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerSocket server;
    private final List<Peer> peers = new ArrayList<>();

    public ScriptedController() throws IOException {
        this(0);
    }

    public ScriptedController(int port) throws IOException {
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next connection, failing at the deadline. */
    public Peer accept() throws IOException {
        return accept(TIMEOUT);
    }

    /** The next connection within {@code timeout}: longer for a client that is a process still starting. */
    public Peer accept(Duration timeout) throws IOException {
        server.setSoTimeout((int) timeout.toMillis());
        Peer p = new Peer(server.accept());
        synchronized (peers) {
            peers.add(p);
        }
        return p;
    }

    /** True when nobody connects within {@code d}: for "it stopped retrying". */
    public boolean nobodyConnectsWithin(Duration d) throws IOException {
        server.setSoTimeout((int) d.toMillis());
        try {
            Peer p = new Peer(server.accept());
            p.close();
            return false;
        } catch (SocketTimeoutException expected) {
            return true;
        }
    }

    /** A welcome as our controllers send it: {@code features} null for POX's (none at all). */
    public static String welcome(boolean authRequired, String logId, String... features) {
        ObjectNode w = MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "welcome").put("session_id", "s" + System.nanoTime());
        if (features != null) {
            w.put("server", "scripted").put("auth_required", authRequired);
            ArrayNode f = w.putArray("features");
            for (String x : features) {
                f.add(x);
            }
        }
        if (logId != null) {
            w.put("log_id", logId);
        }
        return w.toString();
    }

    /** The features of a controller with the log service. */
    public static final String[] LOG_SERVICE = {"errors", "seq", "backlog", "since", "get_levels", "gap_notices", "grep"};

    @Override
    public void close() throws IOException {
        synchronized (peers) {
            for (Peer p : peers) {
                p.close();
            }
        }
        server.close();
    }

    /** One accepted connection: what the client sent, parsed, and a way to answer. */
    public static final class Peer implements AutoCloseable {
        private static final JsonNode CLOSED = MAPPER.createObjectNode().put("__closed__", true);
        private final Socket socket;
        private final OutputStream out;
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();

        Peer(Socket socket) throws IOException {
            this.socket = socket;
            this.out = socket.getOutputStream();
            Thread t = new Thread(this::read, "scripted-controller-reader");
            t.setDaemon(true);
            t.start();
        }

        private volatile boolean reading = true;

        /**
         * From now on nothing more is read from the client: a controller that stopped reading, so
         * that the socket's buffers fill and the client's writes would block.
         */
        public void stopReading() {
            reading = false;
        }

        private void read() {
            try {
                // Stops reading for good once told to: a parser reads ahead, so check before each object.
                JsonParser p = MAPPER.getFactory().createParser(new java.io.FilterInputStream(socket.getInputStream()) {
                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        while (!reading) {
                            if (socket.isClosed()) {
                                return -1;
                            }
                            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000); // a stalled reader
                        }
                        return super.read(b, off, len);
                    }
                });
                while (p.nextToken() != null) {
                    received.add(MAPPER.readTree(p));
                }
            } catch (IOException e) {
                // the end of the connection
            }
            received.add(CLOSED);
        }

        public Peer send(String json) throws IOException {
            return sendRaw(json.getBytes(StandardCharsets.UTF_8));
        }

        public synchronized Peer sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
            return this;
        }

        /** The next message the client sent; fails at the deadline or if it closed. */
        public JsonNode next() throws InterruptedException {
            JsonNode n = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (n == null) {
                throw new AssertionError("the client sent nothing within " + TIMEOUT);
            }
            if (n == CLOSED) {
                received.add(CLOSED);
                throw new AssertionError("the client closed the connection while a message was expected");
            }
            return n;
        }

        /** Skips messages until one matches. */
        public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
            List<JsonNode> skipped = new ArrayList<>();
            while (true) {
                JsonNode n;
                try {
                    n = next();
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; skipped " + skipped);
                }
                if (wanted.test(n)) {
                    return n;
                }
                skipped.add(n);
            }
        }

        /**
         * Waits until the client closes the connection and returns what it sent first; fails at
         * the deadline.
         */
        public List<JsonNode> awaitClosedByClient() throws InterruptedException {
            List<JsonNode> got = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode n = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
                if (n == null) {
                    throw new AssertionError("the client kept the connection open; it sent " + got);
                }
                if (n == CLOSED) {
                    received.add(CLOSED);
                    return got;
                }
                got.add(n);
            }
        }

        /** Answers a {@code test} probe (with its XID, as our controllers do). */
        public void answerProbe(JsonNode probe) throws IOException {
            ObjectNode r = MAPPER.createObjectNode().put("CHANNEL", "").put("test", probe.get("test").asText().toUpperCase());
            if (probe.has("XID")) {
                r.set("XID", probe.get("XID"));
            }
            send(r.toString());
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}

package io.poxlog.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A raw messenger client for tests: a real socket that writes exactly the bytes it is given
 * (as POX clients do, with no newline) and a reader thread that parses the incoming stream of
 * JSON objects into a queue. Waiting methods take deadlines; nothing sleeps. A client made with
 * {@link #connectStalled} stops reading the socket after the welcome (a subscriber that stopped
 * reading), until {@link #resumeReading}.
 */
public final class WireClient implements AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode CLOSED = MAPPER.createObjectNode().put("__closed__", true);

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final CountDownLatch reading;
    /** Set once the first object (the welcome) is parsed; reader thread only. */
    private boolean welcomed;
    private volatile boolean closed;

    public WireClient(InetSocketAddress address) throws IOException {
        this(plain(address));
    }

    /** Over {@code socket}, connected already (a TLS socket, say). */
    public WireClient(Socket socket) throws IOException {
        this(socket, true);
    }

    private WireClient(Socket socket, boolean reading) throws IOException {
        this.socket = socket;
        this.reading = new CountDownLatch(reading ? 0 : 1);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        reader = new Thread(this::readLoop, "wire-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects and consumes the welcome, which it returns. */
    public static WireClient connect(InetSocketAddress address) throws IOException {
        return new WireClient(address);
    }

    /**
     * Connects with a 4 KiB receive buffer and reads the welcome (and whatever came in the same
     * read), then nothing until {@link #resumeReading}: the server's output piles up for it.
     */
    public static WireClient connectStalled(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(address, 5000);
        return new WireClient(s, false);
    }

    /** Lets a client made with {@link #connectStalled} read again. */
    public void resumeReading() {
        reading.countDown();
    }

    private static Socket plain(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        return s;
    }

    /** Connects with TLS, trusting what {@code tls} trusts, and completes the handshake. */
    public static WireClient connectTls(String host, int port, SSLContext tls) throws IOException {
        SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(host, port);
        s.startHandshake();
        return new WireClient(s);
    }

    private void readLoop() {
        try {
            JsonParser p = MAPPER.getFactory().createParser(new Gate(socket.getInputStream()));
            while (p.nextToken() != null) {
                received.add(MAPPER.readTree(p));
                welcomed = true;
            }
        } catch (IOException e) {
            // closed
        }
        closed = true;
        received.add(CLOSED);
    }

    public WireClient sendRaw(String text) throws IOException {
        return sendRaw(text.getBytes(StandardCharsets.UTF_8));
    }

    public synchronized WireClient sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Sends a JSON object compactly, with nothing after it. */
    public WireClient send(String json) throws IOException {
        return sendRaw(MAPPER.writeValueAsBytes(MAPPER.readTree(json)));
    }

    public WireClient send(ObjectNode json) throws IOException {
        return sendRaw(MAPPER.writeValueAsBytes(json));
    }

    /** The next message, failing if none comes within the timeout or the connection closed. */
    public JsonNode next() throws InterruptedException {
        JsonNode n = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (n == null) {
            throw new AssertionError("no message within " + TIMEOUT);
        }
        if (n == CLOSED) {
            received.add(CLOSED);
            throw new AssertionError("connection closed while a message was expected");
        }
        return n;
    }

    /** Skips messages until one matches; fails at the deadline. */
    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<JsonNode> skipped = new ArrayList<>();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode n = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (n == null) {
                throw new AssertionError("no matching message within " + TIMEOUT + "; skipped " + skipped);
            }
            if (n == CLOSED) {
                received.add(CLOSED);
                throw new AssertionError("connection closed; skipped " + skipped);
            }
            if (wanted.test(n)) {
                return n;
            }
            skipped.add(n);
        }
    }

    /** The welcome message, which must come first. */
    public JsonNode welcome() throws InterruptedException {
        JsonNode w = next();
        if (!"welcome".equals(w.path("cmd").asText())) {
            throw new AssertionError("expected a welcome first, got " + w);
        }
        return w;
    }

    /** Sends {@code token} in an {@code auth} command and returns the server's answer to it. */
    public JsonNode authenticate(String token) throws IOException, InterruptedException {
        send(MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "auth").put("token", token));
        return next();
    }

    /** The next message, or null once the server has closed the connection; fails at the deadline. */
    public JsonNode nextOrClosed() throws InterruptedException {
        JsonNode n = received.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (n == null) {
            throw new AssertionError("neither a message nor the end within " + TIMEOUT);
        }
        if (n == CLOSED) {
            received.add(CLOSED);
            return null;
        }
        return n;
    }

    /** Waits until the server closes the connection, failing at the deadline. */
    public void awaitClosed() throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode n = left <= 0 ? null : received.poll(left, TimeUnit.NANOSECONDS);
            if (n == null) {
                throw new AssertionError("connection still open after " + TIMEOUT);
            }
            if (n == CLOSED) {
                received.add(CLOSED);
                return;
            }
        }
    }

    /**
     * Proves nothing else is pending: sends a test round trip and returns what arrived before
     * its answer (the server handles one connection's messages in order).
     */
    public List<JsonNode> drain() throws IOException, InterruptedException {
        String marker = "drain-" + System.nanoTime();
        send("{\"test\":\"" + marker + "\"}");
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode n = next();
            if (marker.toUpperCase().equals(n.path("test").asText())) {
                return before;
            }
            before.add(n);
        }
    }

    /** The socket's input, read after the welcome only once {@link #reading} is open. */
    private final class Gate extends FilterInputStream {
        Gate(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (welcomed) {
                try {
                    reading.await();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("closed while stalled");
                }
            }
            return super.read(b, off, len);
        }
    }

    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        reader.interrupt(); // a stalled reader waits on its gate, not on the socket
    }
}

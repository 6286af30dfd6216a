package io.poxlog.testing;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.function.Predicate;

/**
 * An attacker's connection that stops reading: a real socket with a small receive buffer, read
 * only when the test says so, on the test's own thread (no reader thread that would drain it
 * behind the test's back). It counts the bytes it has read, so a test can tell how much output
 * the server let pile up for it.
 */
public final class StalledClient implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Socket socket;
    private final OutputStream out;
    private final Counting in;
    private final JsonParser parser;

    private StalledClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new Counting(socket.getInputStream());
        this.parser = MAPPER.getFactory().createParser(in);
    }

    /** Connects with a 4 KiB receive buffer and reads the welcome. */
    public static StalledClient connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(address, 5000);
        s.setSoTimeout((int) WireClient.TIMEOUT.toMillis());
        StalledClient c = new StalledClient(s);
        JsonNode w = c.next();
        if (!"welcome".equals(w.path("cmd").asText())) {
            throw new AssertionError("expected a welcome first, got " + w);
        }
        return c;
    }

    public StalledClient send(String json) throws IOException {
        out.write(MAPPER.writeValueAsBytes(MAPPER.readTree(json)));
        out.flush();
        return this;
    }

    /**
     * Sends a {@code test} round trip and reads until its answer: what was sent before it has been
     * handled (and a join handed to the log service). From here on nothing reads until the test does.
     */
    public void roundTrip() throws IOException {
        String marker = "stalled-" + System.nanoTime();
        send("{\"test\":\"" + marker + "\"}");
        next(m -> marker.toUpperCase().equals(m.path("test").asText()), Long.MAX_VALUE);
    }

    /** The next object, failing if none comes within {@link WireClient#TIMEOUT}. */
    public JsonNode next() throws IOException {
        try {
            JsonToken t = parser.nextToken();
            if (t == null) {
                throw new AssertionError("the server closed the connection");
            }
            return MAPPER.readTree(parser);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("nothing within " + WireClient.TIMEOUT, e);
        }
    }

    /**
     * Reads until an object matches and returns it; fails if more than {@code maxBytes} were read
     * (counting from the connection's start) before it came.
     */
    public JsonNode next(Predicate<JsonNode> wanted, long maxBytes) throws IOException {
        while (true) {
            JsonNode m = next();
            if (wanted.test(m)) {
                return m;
            }
            if (in.count > maxBytes) {
                throw new AssertionError(in.count + " bytes read and still no matching object; at most "
                        + maxBytes + " expected");
            }
        }
    }

    /** From now on it reads as a client with an ordinary buffer would (when the test reads). */
    public void readFreely() throws IOException {
        socket.setReceiveBufferSize(1024 * 1024);
    }

    /** Bytes read from the socket so far (the parser reads ahead a few KiB of what it parsed). */
    public long bytesRead() {
        return in.count;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}

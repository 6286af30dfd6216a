package io.poxlog.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * A headless comet subscriber: a real client of the comet transport (PROTOCOL.md §10) that opens
 * a session ({@code POST new}), joins a {@code log_*} channel and counts every record
 * ({@link RecordCounter}), fetching them by a tight long-poll loop: one GET after another on one
 * kept-alive HTTP/1.1 connection, on a thread of its own ("bench-comet-subscriber", counted as the
 * subscribers' reading by {@link ReadLoop#allCpuNanos}).
 *
 * <p>Each GET goes without {@code X-POX-Messenger-Sequence-Number}, which confirms the answer
 * before it (§10.4), as webmessenger.js does. Written by hand on a socket rather than on the JDK's
 * {@code HttpClient}, so that the reading is one thread's work, parsed in place as the TCP and
 * WebSocket subscribers' is: each answer's body is read whole (its {@code Content-Length}), and
 * the elements of its {@code data} array go to the same parser, which takes the commas between
 * them.
 */
final class CometSubscriber extends RecordCounter {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final String path;
    private final Thread thread;
    private volatile boolean closed;
    private byte[] body = new byte[1 << 20];

    private CometSubscriber(Socket socket, URI base) throws IOException {
        super(null, true);
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        this.out = socket.getOutputStream();
        this.host = base.getHost() + ":" + base.getPort();
        this.path = base.getPath();
        this.thread = new Thread(this::poll, "bench-comet-subscriber");
        this.thread.setDaemon(true);
    }

    /** Opens a session at {@code base} ({@code http://host:port/_webmsg/}), joins a fresh channel with {@code joinKeys}, and polls. */
    static CometSubscriber connect(URI base, String joinKeys) throws IOException {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(base.getHost(), base.getPort()));
            s.setTcpNoDelay(true);
            s.setReceiveBufferSize(1 << 20);
            CometSubscriber c = new CometSubscriber(s, base);
            int n = c.post(c.path + "new", "{\"seq\":100,\"data\":null}");
            String answer = new String(c.body, 0, n, StandardCharsets.UTF_8);
            int at = answer.indexOf("\"ses\":\"");
            if (at < 0) {
                throw new IOException("POST new answered " + answer);
            }
            String key = answer.substring(at + 7, answer.indexOf('"', at + 7));
            String both = joinAndProbe("log_" + UUID.randomUUID(), joinKeys);
            int cut = both.indexOf("}{") + 1;
            c.post(c.path + key, "{\"seq\":101,\"data\":[" + both.substring(0, cut) + "," + both.substring(cut) + "]}");
            c.getRequest = ("GET " + c.path + key + " HTTP/1.1\r\nHost: " + c.host + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            ReadLoop.countAlso(c.thread);
            c.thread.start();
            return c;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private byte[] getRequest;

    private void poll() {
        try {
            while (!closed) {
                out.write(getRequest);
                out.flush();
                int n = response();
                int from = dataStart(n);
                if (from < 0) {
                    if (!closed) {
                        System.err.println("comet subscriber: the session ended: "
                                + new String(body, 0, Math.min(n, 300), StandardCharsets.UTF_8));
                    }
                    return;
                }
                int len = n - 2 - from; // without the closing "]}"
                if (len > 0) {
                    System.arraycopy(body, from, body, 0, len);
                    received(body, len);
                }
            }
        } catch (IOException e) {
            if (!closed) {
                System.err.println("comet subscriber: " + e);
            }
        }
    }

    /** Where the {@code data} array's elements begin in an answer of {@code n} bytes, or -1 for one without it. */
    private int dataStart(int n) {
        int head = Math.min(n, 200);
        for (int i = 0; i + 8 <= head; i++) {
            if (body[i] == '"' && body[i + 1] == 'd' && body[i + 2] == 'a' && body[i + 3] == 't' && body[i + 4] == 'a'
                    && body[i + 5] == '"' && body[i + 6] == ':' && body[i + 7] == '[') {
                return n >= i + 10 && body[n - 2] == ']' && body[n - 1] == '}' ? i + 8 : -1;
            }
        }
        return -1;
    }

    private int post(String target, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + b.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.flush();
        return response();
    }

    /** Reads one response: a 200's body into {@link #body}; returns its length. */
    private int response() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException("the comet transport answered " + status);
        }
        int length = -1;
        for (String h = line(); !h.isEmpty(); h = line()) {
            if (h.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(h.substring(15).strip());
            }
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length");
        }
        if (length > body.length) {
            body = Arrays.copyOf(body, Math.max(length, 2 * body.length));
        }
        int have = 0;
        while (have < length) {
            int r = in.read(body, have, length - have);
            if (r < 0) {
                throw new IOException("the connection ended in an answer");
            }
            have += r;
        }
        return length;
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new IOException("the connection ended");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        socket.close();
    }
}

package io.poxlog.viewer.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.testing.Await;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A WebSocket controller that lies, on a raw loopback socket: it answers the upgrade (RFC 6455),
 * speaks just enough of the messenger for a viewer to subscribe (a welcome offering {@code
 * get_levels} and {@code seq}, answers to {@code test} probes), then sends whatever frames the
 * test makes it: one text frame past any limit, a message in a thousand fragments, a flood. It
 * counts the bytes it got written, so a test can see where the viewer stopped taking them. One
 * viewer at a time.
 *
 * <p>Threads: one accepts and reads the viewer's frames; the test's thread sends.
 */
public final class HostileWsController implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final Thread reader;
    private final AtomicLong written = new AtomicLong();
    private volatile OutputStream out;
    private volatile Socket socket;
    private volatile String channel;

    public HostileWsController() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        reader = new Thread(this::serve, "hostile-ws-controller");
        reader.setDaemon(true);
        reader.start();
    }

    public String url() {
        return "ws://127.0.0.1:" + server.getLocalPort() + "/_webmsg/ws";
    }

    /** Waits until a viewer has joined its log channel. */
    public HostileWsController awaitSubscriber() {
        Await.until("a viewer subscribes to the hostile WebSocket controller", () -> channel != null);
        return this;
    }

    public String channel() {
        return channel;
    }

    /** Bytes of frames written to the viewer's socket so far. */
    public long written() {
        return written.get();
    }

    /** A record on the subscriber's channel: {@code fields} and {@code CHANNEL}, one text frame. */
    public void send(ObjectNode fields) throws IOException {
        fields.put("CHANNEL", channel);
        text(MAPPER.writeValueAsBytes(fields));
    }

    /** One whole text frame of these bytes. */
    public void text(byte[] payload) throws IOException {
        frame(0x81, payload, 0, payload.length);
    }

    /**
     * One text message of {@code total} bytes (a record whose message is that many 'z's, give or
     * take its keys) in fragments of {@code fragment} bytes: a first text frame, continuation
     * frames, the last with FIN.
     */
    public void fragmented(long total, int fragment) throws IOException {
        byte[] head = ("{\"CHANNEL\":\"" + channel + "\",\"levelname\":\"INFO\",\"name\":\"big\",\"message\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] tail = "\"}".getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[fragment];
        java.util.Arrays.fill(z, (byte) 'z');
        frame(0x01, head, 0, head.length);
        for (long sent = head.length; sent < total - tail.length; sent += fragment) {
            frame(0x00, z, 0, (int) Math.min(fragment, total - tail.length - sent));
        }
        frame(0x80, tail, 0, tail.length);
    }

    /**
     * Records numbered {@code seq} 1 to {@code count}, each a text frame, written in batches as
     * fast as the socket takes them: returns when all are written, or throws when the socket is
     * closed. A viewer that takes no more makes it wait in the write, as TCP does.
     */
    public void flood(long count) throws IOException {
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 17);
        String pad = "f".repeat(150);
        for (long seq = 1; seq <= count; seq++) {
            byte[] r = ("{\"CHANNEL\":\"" + channel + "\",\"levelname\":\"INFO\",\"levelno\":20,\"name\":\"flood\","
                    + "\"seq\":" + seq + ",\"created\":2.0e9,\"message\":\"" + seq + " " + pad + "\"}").getBytes(StandardCharsets.UTF_8);
            batch.write(header(0x81, r.length));
            batch.write(r);
            if (batch.size() >= 1 << 16 || seq == count) {
                synchronized (this) {
                    out.write(batch.toByteArray());
                    out.flush();
                    written.addAndGet(batch.size());
                }
                batch.reset();
            }
        }
    }

    /** A text frame whose header says {@code length} bytes, of which it sends only the first {@code sent}. */
    public void headerOnly(long length, int sent) throws IOException {
        byte[] z = new byte[sent];
        java.util.Arrays.fill(z, (byte) 'z');
        synchronized (this) {
            OutputStream o = out;
            o.write(header(0x81, length));
            o.write(z);
            o.flush();
            written.addAndGet(10 + sent);
        }
    }

    private synchronized void frame(int first, byte[] b, int off, int len) throws IOException {
        OutputStream o = out;
        byte[] h = header(first, len);
        o.write(h);
        o.write(b, off, len);
        o.flush();
        written.addAndGet(h.length + len);
    }

    private static byte[] header(int first, long len) {
        ByteArrayOutputStream h = new ByteArrayOutputStream(10);
        h.write(first);
        if (len < 126) {
            h.write((int) len);
        } else if (len < 65536) {
            h.write(126);
            h.write((int) (len >>> 8));
            h.write((int) len);
        } else {
            h.write(127);
            for (int i = 7; i >= 0; i--) {
                h.write((int) (len >>> (8 * i)));
            }
        }
        return h.toByteArray();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                socket = s;
                DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
                out = s.getOutputStream();
                upgrade(in);
            } catch (IOException | RuntimeException e) {
                channel = null; // the viewer went away, or we were closed
            }
        }
    }

    /** Reads the upgrade request, answers 101, and sends the welcome; then reads the viewer's frames. */
    private void upgrade(DataInputStream in) throws IOException {
        String request = headers(in);
        String key = null;
        for (String line : request.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        String accept;
        try {
            accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        synchronized (this) {
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] welcome = MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "welcome")
                    .put("session_id", "hostile-ws").set("features", MAPPER.createArrayNode().add("get_levels").add("seq")));
            out.write(header(0x81, welcome.length));
            out.write(welcome);
            out.flush();
        }
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            long len = b1 & 0x7f;
            if (len == 126) {
                len = in.readUnsignedShort();
            } else if (len == 127) {
                len = in.readLong();
            }
            byte[] mask = new byte[4];
            if ((b1 & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) len];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            int opcode = b0 & 0x0f;
            if (opcode == 8) {
                throw new IOException("closed by the viewer");
            }
            if (opcode == 1) {
                answer(MAPPER.readTree(payload));
            }
        }
    }

    private static String headers(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("the upgrade request ended early");
            }
            b.write(c);
            matched = c == "\r\n\r\n".charAt(matched) ? matched + 1 : c == '\r' ? 1 : 0;
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private void answer(JsonNode m) throws IOException {
        if ("join_channel".equals(m.path("cmd").asText())) {
            channel = m.path("channel").asText();
        } else if (m.has("test")) {
            ObjectNode reply = MAPPER.createObjectNode().put("CHANNEL", "");
            reply.set("test", m.get("test"));
            if (m.has("XID")) {
                reply.set("XID", m.get("XID"));
            }
            text(MAPPER.writeValueAsBytes(reply));
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Socket s = socket;
        if (s != null) {
            s.close();
        }
    }
}

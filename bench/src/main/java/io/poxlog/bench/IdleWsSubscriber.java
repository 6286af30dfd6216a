package io.poxlog.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A WebSocket subscriber that never reads once its upgrade is answered: a plain socket that
 * sends the upgrade by hand, reads the 101, sends its join as a (masked) text frame, and
 * nothing more. With a 4 KiB receive buffer it is the stalled subscriber of the log-call
 * scenario; a thousand of them are the idle subscribers of the heap scenario (no reading thread
 * and no client library in this JVM to count with the server's share).
 */
final class IdleWsSubscriber implements AutoCloseable {
    private final Socket socket = new Socket();

    IdleWsSubscriber(URI uri, String joinKeys, boolean smallReceiveBuffer) throws IOException {
        if (smallReceiveBuffer) {
            socket.setReceiveBufferSize(4096);
        }
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        try {
            upgrade(uri, out, socket.getInputStream());
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        String channel = "log_" + UUID.randomUUID();
        out.write(textFrame("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\"" + joinKeys + "}"));
        out.flush();
    }

    /** Sends the upgrade and reads its answer, which must be a 101. */
    static void upgrade(URI uri, OutputStream out, InputStream in) throws IOException {
        out.write(("GET " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = responseHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("the WebSocket upgrade was refused: " + head.lines().findFirst().orElse(head));
        }
    }

    /** The response's status line and headers, read a byte at a time so that nothing after them is taken. */
    private static String responseHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed during the WebSocket upgrade: " + head);
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A client's text frame: FIN, masked (with a zero key: the payload as it is). */
    static byte[] textFrame(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A client's frame of {@code opcode}: FIN, masked with a zero key; payloads under 64 KiB. */
    static byte[] frame(int opcode, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 8);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length & 0xff);
        }
        f.writeBytes(new byte[4]);
        f.writeBytes(payload);
        return f.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

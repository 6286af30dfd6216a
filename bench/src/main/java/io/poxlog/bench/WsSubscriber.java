package io.poxlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.util.UUID;

/**
 * A headless WebSocket subscriber: a real client of the messenger's WebSocket transport
 * (PROTOCOL.md §12) that joins a {@code log_*} channel and counts every record
 * ({@link RecordCounter}), one object per text frame.
 *
 * <p>Neither the JDK's {@code java.net.http.WebSocket} nor Netty's client codec: after the
 * upgrade (sent by hand) it is read by the same {@link ReadLoop} as the TCP subscribers, which
 * strips each frame's header in place and gives the payloads, a stream of objects again, to the
 * same parser. Measured under the same load, Netty's client codec cost 1.5 to 3.3 µs of CPU per
 * record (a pipeline of handlers and a buffer per frame, and a UTF-8 check byte by byte) against
 * 0.8 µs for the TCP subscriber, and made itself the limit of {@code ws_over_tcp}; the JDK's
 * decodes every message into characters, which costs more still. This way the two transports are
 * read at the same cost, so that their ratio compares the servers. Answers pings with pongs.
 */
final class WsSubscriber extends NioSubscriber {
    private final SocketChannel socket;
    // Reading thread only: the frame being read.
    private final byte[] header = new byte[14];
    private int headerHave;
    private long payloadLeft;
    private int opcode;
    private final byte[] control = new byte[125];
    private int controlHave;

    private WsSubscriber(SocketChannel socket, LatencySink latency) {
        super(latency);
        this.socket = socket;
    }

    /** Connects to {@code uri}, joins a fresh channel with {@code joinKeys} and sends the probe. */
    static WsSubscriber connect(URI uri, String joinKeys, LatencySink latency) throws IOException {
        SocketChannel ch = SocketChannel.open();
        try {
            ch.connect(new InetSocketAddress(uri.getHost(), uri.getPort()));
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            IdleWsSubscriber.upgrade(uri, Channels.newOutputStream(ch), Channels.newInputStream(ch));
            String both = joinAndProbe("log_" + UUID.randomUUID(), joinKeys);
            int cut = both.indexOf("}{") + 1; // one object per frame: the join, then the probe
            write(ch, IdleWsSubscriber.textFrame(both.substring(0, cut)));
            write(ch, IdleWsSubscriber.textFrame(both.substring(cut)));
            ch.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        WsSubscriber s = new WsSubscriber(ch, latency);
        ReadLoop.next().add(s);
        return s;
    }

    private static void write(SocketChannel ch, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    @Override
    SocketChannel channel() {
        return socket;
    }

    /** Frames, on the loop's thread: their text payloads moved to the front of {@code b} in place, then parsed. */
    @Override
    void received(byte[] b, int n) throws IOException {
        int r = 0;
        int w = 0;
        while (r < n) {
            if (payloadLeft == 0 && headerHave >= 0) {
                r = readHeader(b, r, n);
                continue;
            }
            int take = (int) Math.min(payloadLeft, n - r);
            if (opcode == 0x1 || opcode == 0x0) {
                System.arraycopy(b, r, b, w, take);
                w += take;
            } else {
                System.arraycopy(b, r, control, controlHave, take);
                controlHave += take;
            }
            r += take;
            payloadLeft -= take;
            if (payloadLeft == 0) {
                frameDone();
            }
        }
        if (w > 0) {
            super.received(b, w);
        }
    }

    /** Takes header bytes from {@code b}; once the header is whole, the payload's length is known. */
    private int readHeader(byte[] b, int r, int n) throws IOException {
        while (r < n && headerHave < needed()) {
            header[headerHave++] = b[r++];
        }
        if (headerHave < 2 || headerHave < needed()) {
            return r;
        }
        opcode = header[0] & 0x0f;
        int len = header[1] & 0x7f;
        if ((header[1] & 0x80) != 0) {
            throw new IOException("the server sent a masked frame");
        }
        long length = len < 126 ? len : len == 126 ? ((header[2] & 0xff) << 8) | (header[3] & 0xff) : longAt(header, 2);
        if (opcode >= 0x8 && length > control.length) {
            throw new IOException("a control frame of " + length + " bytes");
        }
        payloadLeft = length;
        headerHave = -1; // header read: in the payload now
        controlHave = 0;
        if (length == 0) {
            frameDone();
        }
        return r;
    }

    private int needed() {
        if (headerHave < 2) {
            return 2;
        }
        int len = header[1] & 0x7f;
        return len < 126 ? 2 : len == 126 ? 4 : 10;
    }

    private void frameDone() throws IOException {
        headerHave = 0;
        if (opcode == 0x9) { // ping: pong with its payload
            byte[] payload = java.util.Arrays.copyOf(control, controlHave);
            ByteBuffer pong = ByteBuffer.wrap(IdleWsSubscriber.frame(0xA, payload));
            socket.write(pong); // a few bytes: the socket's buffer takes them
        } else if (opcode == 0x8) {
            socket.close();
        }
    }

    private static long longAt(byte[] h, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (h[at + i] & 0xff);
        }
        return v;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

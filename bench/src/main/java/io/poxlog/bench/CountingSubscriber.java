package io.poxlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A headless TCP subscriber: a real client that joins a {@code log_*} channel and counts every
 * record ({@link RecordCounter}). Read by a {@link ReadLoop} thread, or, made with {@code read}
 * false, never read at all (a stalled subscriber, or an idle one for the heap scenario).
 */
final class CountingSubscriber extends NioSubscriber {
    private final SocketChannel socket;
    private final String channel = "log_" + UUID.randomUUID();
    private final boolean read;

    /** Connects and subscribes; {@code read} false makes a subscriber that never reads (stalled). */
    CountingSubscriber(InetSocketAddress address, String joinKeys, boolean read, LatencySink latency) throws IOException {
        super(latency);
        this.read = read;
        socket = SocketChannel.open();
        if (!read) {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        }
        socket.connect(address);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer join = ByteBuffer.wrap(joinAndProbe(channel, joinKeys).getBytes(StandardCharsets.UTF_8));
        while (join.hasRemaining()) {
            socket.write(join);
        }
        if (read) {
            socket.configureBlocking(false);
            ReadLoop.next().add(this);
        }
    }

    @Override
    SocketChannel channel() {
        return socket;
    }

    @Override
    void awaitSubscribed() throws InterruptedException {
        if (read) {
            super.awaitSubscribed();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.poxlog.bench;

import java.nio.channels.SocketChannel;

/** A subscriber whose connection a {@link ReadLoop} reads: TCP ({@link CountingSubscriber}) or WebSocket ({@link WsSubscriber}). */
abstract class NioSubscriber extends RecordCounter {
    NioSubscriber(LatencySink latency) {
        super(latency);
    }

    /** The connection, non-blocking once the loop reads it. */
    abstract SocketChannel channel();
}

package io.poxlog.messenger.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.poxlog.messenger.transport.netty.PooledChunks;

/**
 * Encoded messages waiting to be written to one connection, each copied as it is added into
 * pooled direct chunks of {@link #CHUNK_BYTES} ({@link PooledChunks}). The chunks are written one after another and
 * flushed once (wrapped into one composite buffer instead, its making was 12% of the thread).
 * Used by one thread at a time, the one that fills it (Connection's contract), without locks;
 * with assertions on, a second thread adding to a batch another has not drained fails.
 */
final class WriteBatch {
    /**
     * 32 KiB: the largest buffer Netty's pooled allocator keeps in its per-thread caches (its
     * {@code maxCachedBufferCapacity}). Chunks of 64 KiB were taken from the shared arena under
     * its lock, and with 100 connections its 4 MiB blocks were made (zeroed, on the log-service
     * thread) and freed (on the I/O threads) over and over: 5% of the log-service thread in fan-out.
     */
    static final int CHUNK_BYTES = 32 * 1024;
    private final PooledChunks chunks;

    WriteBatch(ByteBufAllocator alloc) {
        this.chunks = new PooledChunks(alloc, CHUNK_BYTES);
    }

    boolean isEmpty() {
        return chunks.bytes() == 0;
    }

    /** The bytes waiting here. */
    int bytes() {
        return (int) chunks.bytes();
    }

    void add(byte[] head, byte[] body, boolean newline) {
        add(head, body, 0, body.length, newline);
    }

    /** As {@link #add(byte[], byte[], boolean)}, with the body {@code body[from..to)}. */
    void add(byte[] head, byte[] body, int from, int to, boolean newline) {
        chunks.claim();
        chunks.write(head);
        chunks.write(body, from, to);
        if (newline) {
            chunks.writeByte('\n');
        }
    }

    /** Everything added, as its chunks in order, and empties the batch; empty when there is nothing. */
    ByteBuf[] drain() {
        return chunks.drain();
    }

    /** Tests only: the chunks held now. */
    int chunks() {
        return chunks.chunks();
    }

    /** Empties the batch, letting its chunks go unwritten. */
    void clear() {
        chunks.clear();
    }
}

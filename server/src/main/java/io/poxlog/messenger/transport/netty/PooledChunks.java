package io.poxlog.messenger.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Bytes copied, as they are added, into pooled direct chunks of {@link #CHUNK_BYTES} (or a size
 * the user gives): the store
 * of both transports' write batches (TCP's messages, WebSocket's frames). Copied while the bytes
 * are still in the CPU's cache from being encoded; copied at the flush instead, a whole turn's
 * batch (up to a megabyte) was read back from memory, 13% of the log-service thread in a profile.
 * A part may span two chunks, which the writer writes one after another.
 *
 * <p>A chunk less than half full when it is let go (the last one of a batch, a frame of lines ended
 * early) is copied into one of its own size first: a peer that reads nothing holds every batch
 * flushed to it, and a batch of one small record, written in a whole chunk, held 64 KiB for the
 * 400 bytes the connection's limits count, so a subscriber stalled while records came one at a
 * time could hold a hundred times its limit. So the memory held is at most twice what is counted.
 *
 * <p>Used by one thread at a time, the one that fills it (Connection's contract), without locks;
 * with assertions on, {@link #claim} by a second thread while another's bytes wait fails.
 */
public final class PooledChunks {
    /** The size of each chunk: Netty's largest read, and a turn of 150 records. */
    public static final int CHUNK_BYTES = 64 * 1024;
    private static final ByteBuf[] NONE = new ByteBuf[0];

    private final ByteBufAllocator alloc;
    private final int chunkBytes;
    /** The chunks filled before {@link #current}. */
    private final List<ByteBuf> full = new ArrayList<>(4);
    private ByteBuf current;
    private long bytes;
    /** The thread that filled the chunks since they were last emptied; null while empty. */
    private Thread filler;

    public PooledChunks(ByteBufAllocator alloc) {
        this(alloc, CHUNK_BYTES);
    }

    /** With chunks of {@code chunkBytes} instead of {@link #CHUNK_BYTES}. */
    public PooledChunks(ByteBufAllocator alloc, int chunkBytes) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be positive, not " + chunkBytes);
        }
        this.alloc = alloc;
        this.chunkBytes = chunkBytes;
    }

    /** Before each message added: the calling thread owns the chunks until they are drained. */
    public void claim() {
        assert owned() : "a batch filled by " + filler + " is added to by " + Thread.currentThread()
                + ": one thread owns a batch until its flush (Connection)";
        filler = Thread.currentThread();
    }

    /** The bytes held. */
    public long bytes() {
        return bytes;
    }

    public void write(byte[] part) {
        write(part, 0, part.length);
    }

    /** Writes {@code part[from..to)}. */
    public void write(byte[] part, int from, int to) {
        int off = from;
        while (off < to) {
            if (current == null || !current.isWritable()) {
                next();
            }
            int n = Math.min(to - off, current.writableBytes());
            current.writeBytes(part, off, n);
            off += n;
        }
        bytes += to - from;
    }

    public void writeByte(int b) {
        if (current == null || !current.isWritable()) {
            next();
        }
        current.writeByte(b);
        bytes++;
    }

    /**
     * Starts a chunk of its own, of {@code capacity} bytes, for a part whose first bytes are known
     * only once the rest is written (a WebSocket frame of lines: its header holds its length, in
     * as few bytes as the length allows): its first {@code headroom} bytes are left for
     * {@link #prepend}. The part is kept within {@link #room} by its writer.
     */
    public void startWithHeadroom(int capacity, int headroom) {
        retire();
        current = alloc.directBuffer(capacity, capacity);
        current.writerIndex(headroom).readerIndex(headroom);
    }

    /** What the current chunk still takes; 0 before the first write. */
    public int room() {
        return current == null ? 0 : current.writableBytes();
    }

    /** Writes {@code prefix} just before the current chunk's bytes, in the headroom {@link #startWithHeadroom} left. */
    public void prepend(byte[] prefix) {
        int at = current.readerIndex() - prefix.length;
        if (at < 0) {
            throw new IllegalStateException(prefix.length + " bytes do not fit the " + current.readerIndex() + " left before the part");
        }
        current.setBytes(at, prefix);
        current.readerIndex(at);
        bytes += prefix.length;
    }

    private void next() {
        retire();
        current = alloc.directBuffer(chunkBytes, chunkBytes);
    }

    /** Moves the current chunk, if any, to the full ones, compacted. */
    private void retire() {
        if (current != null) {
            ByteBuf c = compacted(current);
            if (c != null) {
                full.add(c);
            }
            current = null;
        }
    }

    /**
     * {@code c}, or, when less than half of it is used, a copy of its bytes of their own size
     * (null for none), {@code c} released: see the class comment.
     */
    private ByteBuf compacted(ByteBuf c) {
        int n = c.readableBytes();
        if (n >= c.capacity() / 2) {
            return c;
        }
        ByteBuf copy = n == 0 ? null : alloc.directBuffer(n, n).writeBytes(c, c.readerIndex(), n);
        c.release();
        return copy;
    }

    /** Everything written, as its chunks in order (the caller's to write or release), and empties; empty when nothing. */
    public ByteBuf[] drain() {
        assert owned() : "a batch filled by " + filler + " is flushed by " + Thread.currentThread();
        filler = null;
        bytes = 0;
        retire();
        if (full.isEmpty()) {
            return NONE;
        }
        ByteBuf[] out = full.size() == 1 ? new ByteBuf[] {full.get(0)} : full.toArray(NONE);
        full.clear();
        return out;
    }

    /** Tests only: the chunks held now. */
    public int chunks() {
        return full.size() + (current == null ? 0 : 1);
    }

    /** Empties, releasing the chunks unwritten. */
    public void clear() {
        filler = null;
        for (ByteBuf b : full) {
            b.release();
        }
        full.clear();
        if (current != null) {
            current.release();
            current = null;
        }
        bytes = 0;
    }

    private boolean owned() {
        return filler == null || filler == Thread.currentThread();
    }
}

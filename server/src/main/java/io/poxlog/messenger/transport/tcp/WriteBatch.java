package io.poxlog.messenger.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoded messages waiting to be written to one connection. Each message is copied as it is
 * added into pooled direct chunks of {@link #CHUNK_BYTES}, while its bytes are still in the
 * CPU's cache from being encoded; copied at the flush instead, a whole turn's batch (up to a
 * megabyte) was read back from memory, 13% of the log-service thread in a profile. The chunks
 * are written one after another and flushed once (wrapped into one composite buffer instead, its
 * making was 12% of the thread).
 * Used by one thread at a time, the one that fills it (Connection's contract), without locks;
 * with assertions on, a second thread adding to a batch another has not drained fails.
 */
final class WriteBatch {
    /** The size of each chunk: Netty's largest read, and a turn of 150 records. */
    static final int CHUNK_BYTES = 64 * 1024;
    private final ByteBufAllocator alloc;
    /** The chunks filled before {@link #current}. */
    private final List<ByteBuf> full = new ArrayList<>(4);
    private ByteBuf current;
    private int bytes;

    /** The thread that filled the batch since it was last emptied; null while it is empty. */
    private Thread filler;

    WriteBatch(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    boolean isEmpty() {
        return bytes == 0;
    }

    /** The bytes waiting here. */
    int bytes() {
        return bytes;
    }

    void add(byte[] head, byte[] body, boolean newline) {
        assert owned() : "a batch filled by " + filler + " is added to by " + Thread.currentThread()
                + ": one thread owns a batch until its flush (Connection)";
        filler = Thread.currentThread();
        write(head);
        write(body);
        if (newline) {
            if (current == null || !current.isWritable()) {
                next();
            }
            current.writeByte('\n');
            bytes++;
        }
    }

    private void write(byte[] part) {
        int off = 0;
        while (off < part.length) {
            if (current == null || !current.isWritable()) {
                next();
            }
            int n = Math.min(part.length - off, current.writableBytes());
            current.writeBytes(part, off, n);
            off += n;
        }
        bytes += part.length;
    }

    private void next() {
        if (current != null) {
            full.add(current);
        }
        current = alloc.directBuffer(CHUNK_BYTES, CHUNK_BYTES);
    }

    /** Everything added, as its chunks in order, and empties the batch; empty when there is nothing. */
    ByteBuf[] drain() {
        assert owned() : "a batch filled by " + filler + " is flushed by " + Thread.currentThread();
        filler = null;
        if (current == null) {
            return NONE;
        }
        ByteBuf[] out;
        if (full.isEmpty()) {
            out = new ByteBuf[] {current};
        } else {
            full.add(current);
            out = full.toArray(NONE);
            full.clear();
        }
        current = null;
        bytes = 0;
        return out;
    }

    private static final ByteBuf[] NONE = new ByteBuf[0];

    /** Tests only: the chunks held now. */
    int chunks() {
        return full.size() + (current == null ? 0 : 1);
    }

    /** Whether the calling thread may use the batch: it is empty, or this thread filled it. */
    private boolean owned() {
        return filler == null || filler == Thread.currentThread();
    }

    /** Empties the batch, letting its chunks go unwritten. */
    void clear() {
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
}

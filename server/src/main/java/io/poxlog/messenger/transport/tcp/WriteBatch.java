package io.poxlog.messenger.transport.tcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.Arrays;

/**
 * Encoded messages waiting to be written to one connection as a single buffer: a list of byte
 * arrays and their total size. Used by one thread at a time, the one that fills it (Connection's
 * contract), without locks; with assertions on, a second thread adding to a batch another has not
 * flushed fails.
 */
final class WriteBatch {
    private static final int INITIAL_PARTS = 64;
    /**
     * Room for parts kept once a batch is written (32 KiB of references): a turn of the log
     * service's for a connection in two subscriptions (two drains of 1,024 records, with
     * newlines), or one replay's turn (2,048 records), fits, so a busy subscriber grows it once.
     * A bigger batch (a connection in many subscriptions) grows it for that batch alone: kept, it
     * was up to a megabyte per connection for the connection's life.
     */
    static final int KEEP_PARTS = 8192;
    private byte[][] parts = new byte[INITIAL_PARTS][];
    private int count;
    private int bytes;

    /** The thread that filled the batch since it was last emptied; null while it is empty. */
    private Thread filler;

    boolean isEmpty() {
        return count == 0;
    }

    /** The bytes waiting here. */
    int bytes() {
        return bytes;
    }

    void add(byte[] head, byte[] body, boolean newline) {
        assert owned() : "a batch filled by " + filler + " is added to by " + Thread.currentThread()
                + ": one thread owns a batch until its flush (Connection)";
        filler = Thread.currentThread();
        if (count + 3 > parts.length) {
            parts = Arrays.copyOf(parts, parts.length * 2);
        }
        parts[count++] = head;
        parts[count++] = body;
        bytes += head.length + body.length;
        if (newline) {
            parts[count++] = null; // a newline
            bytes++;
        }
    }

    /** Copies everything into one buffer from {@code alloc} and empties the batch. */
    ByteBuf drainInto(ByteBufAllocator alloc) {
        assert owned() : "a batch filled by " + filler + " is flushed by " + Thread.currentThread();
        ByteBuf buf = alloc.directBuffer(bytes);
        for (int i = 0; i < count; i++) {
            byte[] p = parts[i];
            if (p == null) {
                buf.writeByte('\n');
            } else {
                buf.writeBytes(p);
            }
            parts[i] = null;
        }
        emptied();
        return buf;
    }

    private void emptied() {
        filler = null;
        count = 0;
        bytes = 0;
        if (parts.length > KEEP_PARTS) {
            parts = new byte[INITIAL_PARTS][];
        }
    }

    /** Tests only: the room for parts the batch holds now. */
    int capacity() {
        return parts.length;
    }

    /** Whether the calling thread may use the batch: it is empty, or this thread filled it. */
    private boolean owned() {
        return filler == null || filler == Thread.currentThread();
    }

    void clear() {
        Arrays.fill(parts, 0, count, null);
        emptied();
    }
}

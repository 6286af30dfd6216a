package io.poxlog.messenger.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Encoded messages waiting to be written to one WebSocket, one text frame each, already encoded:
 * each message's frame header (a server's frames are unmasked: FIN and the text opcode, then the
 * 7, 16 or 64-bit length of RFC 6455 §5.2) and payload are copied as it is added into pooled
 * direct chunks of {@link #CHUNK_BYTES}, as TCP's batch does. The chunks are raw bytes, written
 * past Netty's frame encoder (a {@code MessageToMessageEncoder<WebSocketFrame>} that passes any
 * other message on untouched): one frame object per record, which that encoder allocated a header
 * for and copied again, took the web server's I/O thread 1 to 9 µs a record against TCP's 0.2.
 * A frame may span two chunks; the connection writes a batch's chunks in one event-loop task, so
 * nothing comes between them.
 * Used by one thread at a time, the one that fills it (Connection's contract), without locks;
 * with assertions on, a second thread adding to a batch another has not drained fails.
 */
final class FrameBatch {
    /** The size of each chunk: Netty's largest read, and a turn of 150 records (as TCP's). */
    static final int CHUNK_BYTES = 64 * 1024;
    /** FIN and opcode 1, text: a whole message in one frame (PROTOCOL.md §12). */
    private static final int FIN_TEXT = 0x81;
    private static final ByteBuf[] NONE = new ByteBuf[0];

    private final ByteBufAllocator alloc;
    /** The chunks filled before {@link #current}. */
    private final List<ByteBuf> full = new ArrayList<>(4);
    private ByteBuf current;
    /** The bytes waiting here as they go on the wire, frame headers included. */
    private long bytes;
    private int frames;

    /** The thread that filled the batch since it was last emptied; null while it is empty. */
    private Thread filler;

    FrameBatch(ByteBufAllocator alloc) {
        this.alloc = alloc;
    }

    boolean isEmpty() {
        return frames == 0;
    }

    /** The bytes waiting here, as they go on the wire: what Netty will count once they are written. */
    long bytes() {
        return bytes;
    }

    /** The frames waiting here: one per message added. */
    int frames() {
        return frames;
    }

    /** Adds one text frame whose payload is {@code head} then {@code body}. */
    void add(byte[] head, byte[] body) {
        assert owned() : "a batch filled by " + filler + " is added to by " + Thread.currentThread()
                + ": one thread owns a batch until its flush (Connection)";
        filler = Thread.currentThread();
        long payload = (long) head.length + body.length;
        header(payload);
        write(head);
        write(body);
        frames++;
    }

    /** The frame header of RFC 6455 §5.2, unmasked; at most 10 bytes, so it may span two chunks. */
    private void header(long payload) {
        byte[] h;
        if (payload <= 125) {
            h = new byte[] {(byte) FIN_TEXT, (byte) payload};
        } else if (payload <= 0xFFFF) {
            h = new byte[] {(byte) FIN_TEXT, 126, (byte) (payload >>> 8), (byte) payload};
        } else {
            h = new byte[10];
            h[0] = (byte) FIN_TEXT;
            h[1] = 127;
            for (int i = 0; i < 8; i++) {
                h[2 + i] = (byte) (payload >>> (56 - 8 * i));
            }
        }
        write(h);
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

    /**
     * Every frame added, as its chunks in order (the caller's to write or release), and empties
     * the batch; empty when there is nothing.
     */
    ByteBuf[] drain() {
        assert owned() : "a batch filled by " + filler + " is flushed by " + Thread.currentThread();
        filler = null;
        bytes = 0;
        frames = 0;
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
        return out;
    }

    /** Tests only: the chunks held now. */
    int chunks() {
        return full.size() + (current == null ? 0 : 1);
    }

    /** Whether the calling thread may use the batch: it is empty, or this thread filled it. */
    private boolean owned() {
        return filler == null || filler == Thread.currentThread();
    }

    /** Empties the batch, releasing its chunks unwritten. */
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
        frames = 0;
    }
}

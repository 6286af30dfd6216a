package io.poxlog.messenger.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.poxlog.messenger.transport.netty.PooledChunks;

/**
 * Encoded messages waiting to be written to one WebSocket, one text frame each, already encoded:
 * each message's frame header (a server's frames are unmasked: FIN and the text opcode, then the
 * 7, 16 or 64-bit length of RFC 6455 §5.2) and payload are copied as it is added into pooled
 * direct chunks ({@link PooledChunks}), as TCP's batch does. The chunks are raw bytes, written
 * past Netty's frame encoder (a {@code MessageToMessageEncoder<WebSocketFrame>} that passes any
 * other message on untouched): one frame object per record, which that encoder allocated a header
 * for and copied again, took the web server's I/O thread 1 to 9 µs a record against TCP's 0.2.
 * A frame may span two chunks; the connection writes a batch's chunks in one event-loop task, so
 * nothing comes between them.
 * Used by one thread at a time, the one that fills it (Connection's contract), without locks;
 * with assertions on, a second thread adding to a batch another has not drained fails.
 */
final class FrameBatch {
    static final int CHUNK_BYTES = PooledChunks.CHUNK_BYTES;
    /** FIN and opcode 1, text: a whole message in one frame (PROTOCOL.md §12). */
    private static final int FIN_TEXT = 0x81;

    /** The bytes as they go on the wire, frame headers included. */
    private final PooledChunks chunks;
    private int frames;

    FrameBatch(ByteBufAllocator alloc) {
        this.chunks = new PooledChunks(alloc);
    }

    boolean isEmpty() {
        return frames == 0;
    }

    /** The bytes waiting here, as they go on the wire: what Netty will count once they are written. */
    long bytes() {
        return chunks.bytes();
    }

    /** The frames waiting here: one per message added. */
    int frames() {
        return frames;
    }

    /** Adds one text frame whose payload is {@code head} then {@code body}. */
    void add(byte[] head, byte[] body) {
        chunks.claim();
        header((long) head.length + body.length);
        chunks.write(head);
        chunks.write(body);
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
        chunks.write(h);
    }

    /**
     * Every frame added, as its chunks in order (the caller's to write or release), and empties
     * the batch; empty when there is nothing.
     */
    ByteBuf[] drain() {
        frames = 0;
        return chunks.drain();
    }

    /** Tests only: the chunks held now. */
    int chunks() {
        return chunks.chunks();
    }

    /** Empties the batch, releasing its chunks unwritten. */
    void clear() {
        chunks.clear();
        frames = 0;
    }
}

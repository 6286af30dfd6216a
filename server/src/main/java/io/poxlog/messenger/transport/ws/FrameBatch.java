package io.poxlog.messenger.transport.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.poxlog.messenger.transport.netty.PooledChunks;

/**
 * Encoded messages waiting to be written to one WebSocket, already framed as they go on the wire
 * (a server's frames are unmasked: FIN and the text opcode, then the 7, 16 or 64-bit length of
 * RFC 6455 §5.2, then the payload), copied as they are added into pooled direct chunks
 * ({@link PooledChunks}), as TCP's batch does. The chunks are raw bytes, written past Netty's
 * frame encoder (a {@code MessageToMessageEncoder<WebSocketFrame>} that passes any other message
 * on untouched): one frame object per record, which that encoder allocated a header for and
 * copied again, took the web server's I/O thread 1 to 9 µs a record against TCP's 0.2.
 *
 * <p>Two framings (PROTOCOL.md §12):
 * <ul>
 *   <li>one message per frame, the default: each message's header and payload are copied in as
 *       it is added; a frame may span two chunks, and the connection writes a batch's chunks in
 *       one event-loop task, so nothing comes between them;</li>
 *   <li>{@code lines} (subprotocol {@value WsTransport#LINES}): as many messages as fit in
 *       {@link #LINE_FRAME_BYTES}, each followed by {@code \n}, in one frame (a message bigger
 *       than that alone in its own). Each such frame is one chunk of its own: its payload is
 *       written after {@link #MAX_HEADER} bytes left free, and when it ends its header, whose
 *       length field is minimal as RFC 6455 §5.2 wants, is written just before it. No byte is
 *       copied twice, and a browser pays its cost of a message once per frame, not per record.</li>
 * </ul>
 * Used by one thread at a time, the one that fills it (Connection's contract), without locks;
 * with assertions on, a second thread adding to a batch another has not drained fails.
 */
final class FrameBatch {
    static final int CHUNK_BYTES = PooledChunks.CHUNK_BYTES;
    /** The longest frame header of a server: 2 bytes, and an 8-byte length. */
    static final int MAX_HEADER = 10;
    /** The most payload of a frame of lines that holds more than one: a chunk, less its header's room. */
    static final int LINE_FRAME_BYTES = CHUNK_BYTES - MAX_HEADER;
    /** FIN and opcode 1, text: a whole message, or whole lines, in one frame. */
    private static final int FIN_TEXT = 0x81;

    /** The bytes as they go on the wire, frame headers included (but an open frame of lines' header). */
    private final PooledChunks chunks;
    private final boolean lines;
    private int messages;
    /** The payload of the frame of lines still open, whose header is not written yet; 0 for none. */
    private int open;

    FrameBatch(ByteBufAllocator alloc, boolean lines) {
        this.chunks = new PooledChunks(alloc);
        this.lines = lines;
    }

    boolean isEmpty() {
        return messages == 0;
    }

    /** The bytes waiting here, as they go on the wire: what Netty will count once they are written. */
    long bytes() {
        return chunks.bytes();
    }

    /** The messages waiting here. */
    int messages() {
        return messages;
    }

    /** Adds one message, {@code head} then {@code body}: a frame of its own, or a line of the open frame. */
    void add(byte[] head, byte[] body) {
        add(head, body, 0, body.length);
    }

    /** As {@link #add(byte[], byte[])}, with the body {@code body[from..to)}. */
    void add(byte[] head, byte[] body, int from, int to) {
        chunks.claim();
        if (lines) {
            addLine(head, body, from, to);
        } else {
            chunks.write(header((long) head.length + (to - from)));
            chunks.write(head);
            chunks.write(body, from, to);
        }
        messages++;
    }

    private void addLine(byte[] head, byte[] body, int from, int to) {
        int line = head.length + (to - from) + 1;
        if (open > 0 && line > chunks.room()) {
            endFrame();
        }
        if (open == 0) {
            chunks.startWithHeadroom(MAX_HEADER + Math.max(line, LINE_FRAME_BYTES), MAX_HEADER);
        }
        chunks.write(head);
        chunks.write(body, from, to);
        chunks.writeByte('\n');
        open += line;
    }

    private void endFrame() {
        if (open > 0) {
            chunks.prepend(header(open));
            open = 0;
        }
    }

    /** The frame header of RFC 6455 §5.2, unmasked, its length in as few bytes as it allows: 2, 4 or 10. */
    static byte[] header(long payload) {
        byte[] h;
        if (payload <= 125) {
            h = new byte[] {(byte) FIN_TEXT, (byte) payload};
        } else if (payload <= 0xFFFF) {
            h = new byte[] {(byte) FIN_TEXT, 126, (byte) (payload >>> 8), (byte) payload};
        } else {
            h = new byte[MAX_HEADER];
            h[0] = (byte) FIN_TEXT;
            h[1] = 127;
            for (int i = 0; i < 8; i++) {
                h[2 + i] = (byte) (payload >>> (56 - 8 * i));
            }
        }
        return h;
    }

    /**
     * Every frame added, as its chunks in order (the caller's to write or release), and empties
     * the batch; empty when there is nothing.
     */
    ByteBuf[] drain() {
        endFrame();
        messages = 0;
        return chunks.drain();
    }

    /** Tests only: the chunks held now. */
    int chunks() {
        return chunks.chunks();
    }

    /** Empties the batch, releasing its chunks unwritten. */
    void clear() {
        chunks.clear();
        messages = 0;
        open = 0;
    }
}

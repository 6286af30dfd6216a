package io.poxlog.messenger.transport.ws;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.Arrays;

/**
 * Encoded messages waiting to be written to one WebSocket as one text frame each: a list of
 * head and body arrays and their total size. Used by one thread at a time, the one that fills it
 * (Connection's contract), without locks; with assertions on, a second thread adding to a batch
 * another has not flushed fails.
 */
final class FrameBatch {
    private static final int INITIAL_PARTS = 64;
    /** Room kept once a batch is written; a bigger batch grows it for that batch alone (as TCP's). */
    static final int KEEP_PARTS = 8192;
    private byte[][] parts = new byte[INITIAL_PARTS][];
    private int count;
    private long bytes;

    /** The thread that filled the batch since it was last emptied; null while it is empty. */
    private Thread filler;

    boolean isEmpty() {
        return count == 0;
    }

    long bytes() {
        return bytes;
    }

    void add(byte[] head, byte[] body) {
        assert owned() : "a batch filled by " + filler + " is added to by " + Thread.currentThread()
                + ": one thread owns a batch until its flush (Connection)";
        filler = Thread.currentThread();
        if (count + 2 > parts.length) {
            parts = Arrays.copyOf(parts, parts.length * 2);
        }
        parts[count++] = head;
        parts[count++] = body;
        bytes += head.length + body.length;
    }

    /** One frame per message, wrapping the arrays (no copy), and empties the batch. */
    TextWebSocketFrame[] drain() {
        assert owned() : "a batch filled by " + filler + " is flushed by " + Thread.currentThread();
        TextWebSocketFrame[] frames = new TextWebSocketFrame[count / 2];
        for (int i = 0; i < count; i += 2) {
            frames[i / 2] = new TextWebSocketFrame(Unpooled.wrappedBuffer(parts[i], parts[i + 1]));
        }
        clear();
        return frames;
    }

    /** Whether the calling thread may use the batch: it is empty, or this thread filled it. */
    private boolean owned() {
        return filler == null || filler == Thread.currentThread();
    }

    void clear() {
        Arrays.fill(parts, 0, count, null);
        filler = null;
        count = 0;
        bytes = 0;
        if (parts.length > KEEP_PARTS) {
            parts = new byte[INITIAL_PARTS][];
        }
    }
}

package io.poxlog.viewer.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The one reader of a messenger stream in the viewer (PROTOCOL.md §1: JSON objects back to back):
 * cuts it into the bytes of each object without parsing them, in a byte loop that tracks depth,
 * strings and escapes. The viewer keeps each record's bytes and parses only the fields it shows,
 * which is what lets it ingest hundreds of thousands of records a second.
 *
 * <p>An object larger than the limit is not kept: its bytes are read and dropped as they come,
 * so it costs no memory, and {@link #next} returns {@link #OVERSIZED} in its place
 * ({@link #skippedBytes} says how large it was). The stream goes on after it.
 * Not thread-safe: one reading thread.
 */
public final class MessageReader {
    /** Returned by {@link #next} for an object over the limit; compare by identity. */
    public static final byte[] OVERSIZED = new byte[0];

    private final InputStream in;
    private final int maxObjectBytes;
    private byte[] buf = new byte[64 * 1024];
    private int end;
    // scan state, kept across reads
    private int scan;
    private int objStart = -1;
    private int depth;
    private boolean inString;
    private boolean escape;
    /** The object being read is over the limit: its bytes are dropped as they come. */
    private boolean skipping;
    private long skipped;
    private long lastSkipped;
    private boolean ended;

    public MessageReader(InputStream in, int maxObjectBytes) {
        if (maxObjectBytes < 2) {
            throw new IllegalArgumentException("the largest message must be at least 2 bytes, not " + maxObjectBytes);
        }
        this.in = in;
        this.maxObjectBytes = maxObjectBytes;
    }

    /** Whether {@link #next} returned null because the stream ended. */
    public boolean endOfStream() {
        return ended;
    }

    /** The size of the last object returned as {@link #OVERSIZED}. */
    public long skippedBytes() {
        return lastSkipped;
    }

    /**
     * The next object's bytes, {@link #OVERSIZED} for one over the limit, or null at the end of
     * the stream. Every byte of the stream passes here: the loop works on locals (stored back
     * only between reads) and runs through strings in a loop of their own, which is what makes
     * it several times faster than a state machine on fields.
     *
     * @throws IOException from the stream, or when it holds something other than an object
     *     between objects (after that the stream cannot be followed)
     */
    public byte[] next() throws IOException {
        while (true) {
            byte[] b = buf;
            int i = scan;
            int e = end;
            int start = objStart;
            int d = depth;
            boolean str = inString;
            if (str && escape && i < e) {
                i++; // the byte escaped by the read's last byte
                escape = false;
            }
            while (i < e) {
                byte c = b[i++];
                if (start < 0) {
                    if (c == '{') {
                        start = i - 1;
                        d = 1;
                    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                        scan = i;
                        throw new IOException("not a JSON object: the stream holds '" + (char) c + "' between objects");
                    }
                    continue;
                }
                if (str) {
                    i--;
                    while (i < e) {
                        c = b[i++];
                        if (c == '"') {
                            str = false;
                            break;
                        }
                        if (c == '\\') {
                            if (i == e) {
                                escape = true;
                                break;
                            }
                            i++;
                        }
                    }
                } else if (c == '"') {
                    str = true;
                } else if (c == '{' || c == '[') {
                    d++;
                } else if ((c == '}' || c == ']') && --d == 0) {
                    scan = i;
                    objStart = -1;
                    depth = 0;
                    inString = false;
                    if (skipping || i - start > maxObjectBytes) {
                        lastSkipped = skipped + (i - start);
                        skipping = false;
                        skipped = 0;
                        return OVERSIZED;
                    }
                    return Arrays.copyOfRange(b, start, i);
                }
            }
            scan = i;
            objStart = start;
            depth = d;
            inString = str;
            if (objStart >= 0 && (skipping || scan - objStart > maxObjectBytes)) {
                // Over the limit: count what was read of it, keep none of it.
                skipping = true;
                skipped += scan - objStart;
                objStart = scan;
            }
            if (!fill()) {
                ended = true;
                return null;
            }
        }
    }

    /** Keeps the unfinished object (if any) at the front of the buffer and reads more; false at end. */
    private boolean fill() throws IOException {
        int from = objStart >= 0 ? objStart : scan;
        if (from > 0) {
            System.arraycopy(buf, from, buf, 0, end - from);
            end -= from;
            scan -= from;
            if (objStart >= 0) {
                objStart = 0;
            }
        }
        if (end == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        int n = in.read(buf, end, buf.length - end);
        if (n <= 0) {
            return false;
        }
        end += n;
        return true;
    }
}

package io.poxlog.viewer.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Cuts a messenger stream (JSON objects back to back, PROTOCOL.md §1) into the bytes of each
 * object, without parsing them: a byte loop that tracks depth, strings and escapes. The viewer
 * keeps each record's bytes and parses only the fields it shows, which is what lets it ingest
 * hundreds of thousands of records a second. Not thread-safe: one reading thread.
 */
public final class JsonObjectSplitter {
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

    public JsonObjectSplitter(InputStream in, int maxObjectBytes) {
        this.in = in;
        this.maxObjectBytes = maxObjectBytes;
    }

    /** The next object's bytes, or null at the end of the stream. */
    public byte[] next() throws IOException {
        while (true) {
            while (scan < end) {
                byte b = buf[scan++];
                if (objStart < 0) {
                    if (b == '{') {
                        objStart = scan - 1;
                        depth = 1;
                    } else if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                        throw new IOException("not a JSON object: the stream holds '" + (char) b + "' between objects");
                    }
                    continue;
                }
                if (inString) {
                    if (escape) {
                        escape = false;
                    } else if (b == '\\') {
                        escape = true;
                    } else if (b == '"') {
                        inString = false;
                    }
                } else if (b == '"') {
                    inString = true;
                } else if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    byte[] out = Arrays.copyOfRange(buf, objStart, scan);
                    objStart = -1;
                    return out;
                }
            }
            if (objStart >= 0 && scan - objStart > maxObjectBytes) {
                throw new IOException("an object larger than " + maxObjectBytes + " bytes");
            }
            if (!fill()) {
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

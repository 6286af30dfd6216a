package io.poxlog.bench;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The headless subscriber's parser: reads a messenger stream (JSON objects back to back,
 * PROTOCOL.md §1) and gives each object's few top-level fields a subscriber counts by to a sink:
 * {@code seq}, {@code dropped}, a {@code test} key (the probe's answer) and, if asked, the
 * {@code t=<nanos>} stamp in {@code message}. Keys inside nested values or strings never match.
 *
 * <p>In the fan-out scenario 100 subscribers run this in the same process as the server, so
 * what it costs comes out of the two cores the server has: it must cost a fraction of the
 * server's work per record. It therefore parses each whole object in one structured pass
 * (key, colon, value, comma) rather than byte by byte through a state machine, and decodes
 * nothing it does not need. An object cut by the end of a
 * read is kept and parsed whole once the rest arrives. Not thread-safe: one reading thread.
 */
final class RecordStreamScanner {
    /** Receives each whole object. {@code seq} and {@code stamp} are -1 when absent, {@code dropped} 0. */
    interface Sink {
        void object(long seq, long dropped, boolean probe, long stamp);
    }

    /** The largest object kept across reads (1 MiB, as the messenger allows a peer). */
    static final int MAX_OBJECT_BYTES = 1024 * 1024;
    /** Returned by the parsing methods when the bytes end before the value does. */
    private static final int INCOMPLETE = -1;


    private static final int OTHER = 0;
    private static final int SEQ = 1;
    private static final int DROPPED = 2;
    private static final int TEST = 3;
    private static final int MESSAGE = 4;

    private final boolean stamps;
    /** Whether objects may be separated by commas too (the elements of a comet answer's array). */
    private final boolean commas;
    /** The start of an object the last read cut, and its length. */
    private byte[] carry = new byte[0];
    private int carried;

    // The object being parsed.
    private long seq;
    private long dropped;
    private boolean probe;
    private long stamp;

    RecordStreamScanner(boolean stamps) {
        this(stamps, false);
    }

    RecordStreamScanner(boolean stamps, boolean commas) {
        this.stamps = stamps;
        this.commas = commas;
    }

    /** Reads {@code in} until it ends, giving each object to {@code sink}. */
    void run(InputStream in, Sink sink) throws IOException {
        byte[] buf = new byte[64 * 1024];
        int n;
        while ((n = in.read(buf, 0, buf.length)) > 0) {
            scan(buf, n, sink);
        }
    }

    /** Scans the next {@code n} bytes of the stream, giving each object they complete to {@code sink}. */
    void scan(byte[] b, int n, Sink sink) throws IOException {
        int i = carried == 0 ? 0 : finishCarried(b, n, sink);
        if (i < n) {
            keep(b, parseObjects(b, i, n, sink), n);
        }
    }

    /**
     * Completes the object the last read cut with the first bytes of this one, appending as few
     * as it takes; returns the index in {@code b} after it, or {@code n} when it goes on still.
     */
    private int finishCarried(byte[] b, int n, Sink sink) throws IOException {
        int cut = carried;
        int taken = 0;
        while (true) {
            // Never past the limit: an object still incomplete there is longer than allowed.
            int take = Math.min(Math.min(n, Math.max(2 * taken, 4096)), MAX_OBJECT_BYTES - cut);
            if (cut + take > carry.length) {
                carry = Arrays.copyOf(carry, Math.max(cut + take, 2 * carry.length));
            }
            System.arraycopy(b, taken, carry, cut + taken, take - taken);
            taken = take;
            int end = parseObject(carry, 0, cut + taken, sink);
            if (end != INCOMPLETE) {
                carried = 0;
                return end - cut;
            }
            if (cut + taken == MAX_OBJECT_BYTES) {
                throw new IOException("an object longer than " + MAX_OBJECT_BYTES + " bytes in the stream");
            }
            if (taken == n) {
                carried = cut + n;
                return n;
            }
        }
    }

    /** Keeps {@code b[from..n)}, the start of an object the read cut, for the next read. */
    private void keep(byte[] b, int from, int n) {
        int left = n - from;
        if (left > carry.length) {
            carry = new byte[Math.max(left, 2 * carry.length)];
        }
        System.arraycopy(b, from, carry, 0, left);
        carried = left;
    }

    /** Parses whole objects from {@code i}; returns where the first incomplete one starts (or {@code n}). */
    private int parseObjects(byte[] b, int i, int n, Sink sink) throws IOException {
        while (true) {
            i = skipSpace(b, i, n);
            if (i == n) {
                return n;
            }
            if (b[i] == ',' && commas) {
                i++;
                continue;
            }
            int end = parseObject(b, i, n, sink);
            if (end == INCOMPLETE) {
                return i;
            }
            i = end;
        }
    }

    /** One object starting at {@code i}, given to {@code sink} if whole; returns the index after it. */
    private int parseObject(byte[] b, int i, int n, Sink sink) throws IOException {
        byte c = b[i];
        if (c != '{') {
            throw new IOException(c == '}' ? "unbalanced '}' in the stream"
                    : "not a JSON object: the stream holds '" + (char) c + "' between objects");
        }
        seq = -1;
        dropped = 0;
        probe = false;
        stamp = -1;
        int end = parseMembers(b, i + 1, n);
        if (end != INCOMPLETE) {
            sink.object(seq, dropped, probe, stamp);
        }
        return end;
    }

    /** The top-level members of an object whose '{' was just passed; returns the index after its '}'. */
    private int parseMembers(byte[] b, int i, int n) throws IOException {
        i = skipSpace(b, i, n);
        if (i < n && b[i] == '}') {
            return i + 1;
        }
        while (true) {
            if (i == n) {
                return INCOMPLETE;
            }
            if (b[i] != '"') {
                throw malformed(b[i], "a key");
            }
            int keyEnd = stringEnd(b, i + 1, n);
            if (keyEnd == INCOMPLETE) {
                return INCOMPLETE;
            }
            int key = key(b, i + 1, keyEnd - 1);
            i = skipSpace(b, keyEnd, n);
            if (i == n) {
                return INCOMPLETE;
            }
            if (b[i] != ':') {
                throw malformed(b[i], "':'");
            }
            i = skipSpace(b, i + 1, n);
            if (i == n) {
                return INCOMPLETE;
            }
            i = value(b, i, n, key);
            if (i == INCOMPLETE) {
                return INCOMPLETE;
            }
            i = skipSpace(b, i, n);
            if (i == n) {
                return INCOMPLETE;
            }
            byte c = b[i];
            if (c == '}') {
                return i + 1;
            }
            if (c != ',') {
                throw malformed(c, "',' or '}'");
            }
            i = skipSpace(b, i + 1, n);
        }
    }

    /** A top-level value starting at {@code i}, noting the ones looked for; returns the index after it. */
    private int value(byte[] b, int i, int n, int key) {
        byte c = b[i];
        if (c == '"') {
            int end = stringEnd(b, i + 1, n);
            if (end != INCOMPLETE && key == MESSAGE && stamps) {
                stamp = stampIn(b, i + 1, end - 1);
            }
            return end;
        }
        if (c == '{' || c == '[') {
            return nestedEnd(b, i + 1, n);
        }
        // A number or a literal: it ends at ',', '}' or white space (all at most ' ').
        int start = i;
        while (i < n && (c = b[i]) != ',' && c != '}' && c > ' ') {
            i++;
        }
        if (i == n) {
            return INCOMPLETE;
        }
        if (key == SEQ) {
            seq = digits(b, start, i);
        } else if (key == DROPPED) {
            dropped = Math.max(0, digits(b, start, i));
        }
        return i;
    }

    /** The whole number that {@code b[from..to)} starts with, or -1 if it starts with no digit. */
    private static long digits(byte[] b, int from, int to) {
        long v = -1;
        for (int j = from; j < to && b[j] >= '0' && b[j] <= '9'; j++) {
            v = (v < 0 ? 0 : v * 10) + (b[j] - '0');
        }
        return v;
    }

    /** Which looked-for key {@code b[from..to)} is (a key with an escape is none of them). */
    private int key(byte[] b, int from, int to) {
        switch (to - from) {
            case 3:
                return b[from] == 's' && b[from + 1] == 'e' && b[from + 2] == 'q' ? SEQ : OTHER;
            case 4:
                if (b[from] == 't' && b[from + 1] == 'e' && b[from + 2] == 's' && b[from + 3] == 't') {
                    probe = true;
                    return TEST;
                }
                return OTHER;
            case 7:
                return equals(b, from, "dropped") ? DROPPED : equals(b, from, "message") ? MESSAGE : OTHER;
            default:
                return OTHER;
        }
    }

    private static boolean equals(byte[] b, int from, String ascii) {
        for (int j = 0; j < ascii.length(); j++) {
            if (b[from + j] != ascii.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first {@code t=<digits>} that starts a word of the message {@code b[from..to)} (still
     * escaped as on the wire), or -1.
     */
    private static long stampIn(byte[] b, int from, int to) {
        for (int j = from; j + 2 < to; j++) {
            if (b[j] == 't' && b[j + 1] == '=' && (j == from || b[j - 1] == ' ')) {
                long v = 0;
                int k = j + 2;
                for (; k < to && b[k] >= '0' && b[k] <= '9'; k++) {
                    v = v * 10 + (b[k] - '0');
                }
                if (k > j + 2) {
                    return v;
                }
            }
        }
        return -1;
    }

    /** Skips a nested object or array whose opening bracket was just passed; returns the index after its end. */
    private static int nestedEnd(byte[] b, int i, int n) {
        int depth = 1;
        for (; i < n; i++) {
            byte c = b[i];
            if (c == '"') {
                i = stringEnd(b, i + 1, n);
                if (i == INCOMPLETE) {
                    return INCOMPLETE;
                }
                i--; // the loop's i++ moves past the closing quote
            } else if (c == '{' || c == '[') {
                depth++;
            } else if ((c == '}' || c == ']') && --depth == 0) {
                return i + 1;
            }
        }
        return INCOMPLETE;
    }

    /** The index after the closing quote of a string whose opening quote was just passed. */
    private static int stringEnd(byte[] b, int i, int n) {
        while (true) {
            i = quoteOrBackslash(b, i, n);
            if (i == n) {
                return INCOMPLETE;
            }
            if (b[i] == '"') {
                return i + 1;
            }
            i += 2; // a backslash and the byte it escapes
            if (i > n) {
                return INCOMPLETE;
            }
        }
    }

    /** The index of the first '"' or '\\' in {@code b[i..n)}, or {@code n}. */
    private static int quoteOrBackslash(byte[] b, int i, int n) {
        for (; i < n; i++) {
            byte c = b[i];
            if (c == '"' || c == '\\') {
                return i;
            }
        }
        return n;
    }

    private static int skipSpace(byte[] b, int i, int n) {
        while (i < n) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return n;
    }

    private static IOException malformed(byte found, String expected) {
        return new IOException("not a JSON object: '" + (char) found + "' where " + expected + " should be");
    }
}

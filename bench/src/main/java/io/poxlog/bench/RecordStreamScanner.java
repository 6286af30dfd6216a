package io.poxlog.bench;

import java.io.IOException;
import java.io.InputStream;

/**
 * The headless subscriber's parser: one pass over the bytes of a messenger stream (JSON objects
 * back to back, PROTOCOL.md §1) that tracks nesting, strings and escapes, and reads the few
 * top-level fields a subscriber counts by: {@code seq}, {@code dropped}, a {@code test} key (the
 * probe's answer) and, if asked, the {@code t=<nanos>} stamp in {@code message}. Nothing is
 * copied or decoded, so it costs a fraction of a general parser and the benchmark measures the
 * server rather than its own client. Keys inside nested values or strings never match.
 * Not thread-safe: one reading thread.
 */
final class RecordStreamScanner {
    /** Receives each whole object. {@code seq} and {@code stamp} are -1 when absent, {@code dropped} 0. */
    interface Sink {
        void object(long seq, long dropped, boolean probe, long stamp);
    }

    // Keys of up to 8 bytes packed into a long, so that matching a key costs no copy.
    private static final long SEQ = pack("seq");
    private static final long DROPPED = pack("dropped");
    private static final long TEST = pack("test");
    private static final long MESSAGE = pack("message");
    private static final int NONE = 0;
    private static final int KEY = 1;
    private static final int MESSAGE_VALUE = 2;
    private static final int OTHER_STRING = 3;

    private final boolean stamps;

    // State carried from one read to the next.
    private int depth;
    private int string = NONE;
    private boolean escape;
    private boolean expectKey;
    private long key;
    private int keyLength;
    private long lastKey;
    private int number = NONE; // 1 while reading the digits of seq or dropped
    private long value;
    private int stampState; // 0 looking, 1 after a word boundary, 2 after 't', 3 after "t=" (digits)
    private long stampValue;
    // The object being read.
    private long seq = -1;
    private long dropped;
    private boolean probe;
    private long stamp = -1;

    RecordStreamScanner(boolean stamps) {
        this.stamps = stamps;
    }

    static long pack(String k) {
        long p = 0;
        for (int i = 0; i < k.length(); i++) {
            p = (p << 8) | k.charAt(i);
        }
        return p;
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
        for (int i = 0; i < n; i++) {
            byte c = b[i];
            if (string != NONE) {
                i = inString(b, i, n);
                continue;
            }
            if (number != NONE) {
                if (c >= '0' && c <= '9') {
                    value = value * 10 + (c - '0');
                    continue;
                }
                endNumber();
            }
            switch (c) {
                case '"' -> startString();
                case '{' -> {
                    if (depth++ == 0) {
                        seq = -1;
                        dropped = 0;
                        probe = false;
                        stamp = -1;
                    }
                    expectKey = depth == 1;
                }
                case '[' -> depth++;
                case ']' -> depth--;
                case '}' -> {
                    if (--depth == 0) {
                        sink.object(seq, dropped, probe, stamp);
                    } else if (depth < 0) {
                        throw new IOException("unbalanced '}' in the stream");
                    }
                }
                case ',' -> expectKey = depth == 1;
                default -> {
                    if (depth == 1 && c >= '0' && c <= '9' && (lastKey == SEQ || lastKey == DROPPED)) {
                        number = KEY;
                        value = c - '0';
                    } else if (depth == 0 && c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                        throw new IOException("not a JSON object: the stream holds '" + (char) c + "' between objects");
                    }
                }
            }
        }
    }

    private void startString() {
        if (depth == 1 && expectKey) {
            string = KEY;
            key = 0;
            keyLength = 0;
            expectKey = false;
        } else if (depth == 1 && stamps && lastKey == MESSAGE) {
            string = MESSAGE_VALUE;
            stampState = 1;
            stampValue = 0;
        } else {
            string = OTHER_STRING;
        }
    }

    private void endNumber() {
        if (lastKey == SEQ) {
            seq = value;
        } else {
            dropped = value;
        }
        number = NONE;
        lastKey = 0;
    }

    /** Scans string bytes from {@code i}; returns the index of the last byte it consumed. */
    private int inString(byte[] b, int i, int n) {
        if (string == OTHER_STRING && !escape) {
            // Most of the stream: a value nobody reads. Find its end in a loop on locals.
            for (; i < n; i++) {
                byte c = b[i];
                if (c == '"') {
                    endString();
                    return i;
                }
                if (c == '\\') {
                    if (i + 1 == n) {
                        escape = true;
                        return i;
                    }
                    i++;
                }
            }
            return n - 1;
        }
        for (; i < n; i++) {
            byte c = b[i];
            if (escape) {
                escape = false;
                stampState = 0;
                continue;
            }
            if (c == '\\') {
                escape = true;
                continue;
            }
            if (c == '"') {
                endString();
                return i;
            }
            if (string == KEY) {
                key = (key << 8) | (c & 0xff);
                keyLength++;
            } else if (string == MESSAGE_VALUE) {
                stampByte(c);
            }
        }
        return n - 1;
    }

    private void endString() {
        if (string == KEY) {
            lastKey = keyLength <= 8 ? key : -1;
            if (lastKey == TEST) {
                probe = true;
            }
        } else {
            if (string == MESSAGE_VALUE && stampState == 3) {
                stamp = stampValue;
            }
            lastKey = 0;
        }
        string = NONE;
    }

    private void stampByte(byte c) {
        switch (stampState) {
            case 1 -> stampState = c == 't' ? 2 : c == ' ' ? 1 : 0;
            case 2 -> stampState = c == '=' ? 3 : c == ' ' ? 1 : 0;
            case 3 -> {
                if (c >= '0' && c <= '9') {
                    stampValue = stampValue * 10 + (c - '0');
                } else if (stamp < 0) {
                    stamp = stampValue;
                    stampState = c == ' ' ? 1 : 0;
                }
            }
            default -> stampState = c == ' ' ? 1 : 0;
        }
    }
}

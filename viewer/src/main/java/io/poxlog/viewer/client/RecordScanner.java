package io.poxlog.viewer.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the top-level fields the viewer shows from one JSON object's bytes in a single pass, by
 * hand: no parser object, no tree, nested values skipped. Strings without escapes become Strings
 * straight from their UTF-8 bytes. This is the viewer's hot path (every record passes here), and
 * doing it by hand is what reaches several hundred thousand records a second. Anything it does
 * not expect makes it throw, and the caller falls back to a full parse.
 * Not thread-safe: one per reading thread.
 */
final class RecordScanner {
    String channel;
    long seq;
    double created;
    String levelName;
    int levelNo;
    String logger;
    String message;
    long dropped;

    private byte[] b;
    private int i;
    private int end;

    /** Scans {@code bytes} (one object); returns its {@code CHANNEL}, "" when absent. */
    String scan(byte[] bytes) throws IOException {
        channel = "";
        seq = -1;
        created = Double.NaN;
        levelName = "";
        levelNo = -1;
        logger = "";
        message = "";
        dropped = 0;
        b = bytes;
        i = 0;
        end = bytes.length;
        ws();
        expect('{');
        ws();
        if (peek() == '}') {
            return channel;
        }
        while (true) {
            ws();
            int keyStart = i + 1;
            int keyEnd = skipString();
            ws();
            expect(':');
            ws();
            field(keyStart, keyEnd - keyStart);
            ws();
            byte c = next();
            if (c == '}') {
                return channel;
            }
            if (c != ',') {
                throw new IOException("expected , or } at " + (i - 1));
            }
        }
    }

    private void field(int key, int len) throws IOException {
        switch (len) {
            case 3 -> {
                if (is(key, "seq")) {
                    seq = number() ? (long) lastNumber : -1;
                    return;
                }
            }
            case 4 -> {
                if (is(key, "name")) {
                    logger = stringOr("");
                    return;
                }
            }
            case 7 -> {
                if (is(key, "CHANNEL")) {
                    channel = stringOr("");
                    return;
                }
                if (is(key, "created")) {
                    created = number() ? lastNumber : Double.NaN;
                    return;
                }
                if (is(key, "levelno")) {
                    levelNo = number() ? (int) lastNumber : -1;
                    return;
                }
                if (is(key, "message")) {
                    message = stringOr("");
                    return;
                }
                if (is(key, "dropped")) {
                    dropped = number() ? (long) lastNumber : 0;
                    return;
                }
            }
            case 9 -> {
                if (is(key, "levelname")) {
                    levelName = stringOr("");
                    return;
                }
            }
            default -> { }
        }
        skipValue();
    }

    private boolean is(int at, String key) {
        for (int k = 0; k < key.length(); k++) {
            if (b[at + k] != key.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private double lastNumber;

    /** Reads a number into lastNumber; false (value skipped) when the value is not a number. */
    private boolean number() throws IOException {
        byte c = peek();
        if (c != '-' && (c < '0' || c > '9')) {
            skipValue();
            return false;
        }
        int start = i;
        boolean negative = c == '-';
        if (negative) {
            i++;
        }
        long whole = 0;
        int digits = 0;
        byte[] bytes = b;
        int j = i;
        while (j < end && bytes[j] >= '0' && bytes[j] <= '9') {
            whole = whole * 10 + (bytes[j++] - '0');
            digits++;
        }
        i = j;
        if (digits > 17 || (i < end && (b[i] == 'e' || b[i] == 'E'))) {
            return slowNumber(start);
        }
        double v = whole;
        if (i < end && b[i] == '.') {
            i++;
            long frac = 0;
            long scale = 1;
            int fd = 0;
            while (i < end && b[i] >= '0' && b[i] <= '9') {
                if (fd < 15) {
                    frac = frac * 10 + (b[i] - '0');
                    scale *= 10;
                    fd++;
                }
                i++;
            }
            if (i < end && (b[i] == 'e' || b[i] == 'E')) {
                return slowNumber(start);
            }
            v += (double) frac / scale;
        }
        lastNumber = negative ? -v : v;
        return true;
    }

    private boolean slowNumber(int start) throws IOException {
        i = start;
        while (i < end && "+-0123456789.eE".indexOf(b[i]) >= 0) {
            i++;
        }
        try {
            lastNumber = Double.parseDouble(new String(b, start, i - start, StandardCharsets.US_ASCII));
            return true;
        } catch (NumberFormatException e) {
            throw new IOException("bad number at " + start);
        }
    }

    private String stringOr(String fallback) throws IOException {
        if (peek() != '"') {
            skipValue();
            return fallback;
        }
        int start = i + 1;
        int j = start;
        while (j < end) {
            byte c = b[j];
            if (c == '"') {
                i = j + 1;
                return new String(b, start, j - start, StandardCharsets.UTF_8);
            }
            if (c == '\\') {
                return escapedString(start);
            }
            j++;
        }
        throw new IOException("unterminated string");
    }

    private String escapedString(int start) throws IOException {
        StringBuilder sb = new StringBuilder();
        int j = start;
        int run = start;
        while (j < end) {
            byte c = b[j];
            if (c == '"') {
                sb.append(new String(b, run, j - run, StandardCharsets.UTF_8));
                i = j + 1;
                return sb.toString();
            }
            if (c != '\\') {
                j++;
                continue;
            }
            sb.append(new String(b, run, j - run, StandardCharsets.UTF_8));
            if (j + 1 >= end) {
                break;
            }
            byte e = b[j + 1];
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (j + 5 >= end) {
                        throw new IOException("bad \\u escape");
                    }
                    sb.append((char) Integer.parseInt(new String(b, j + 2, 4, StandardCharsets.US_ASCII), 16));
                    j += 4;
                }
                default -> sb.append((char) e);
            }
            j += 2;
            run = j;
        }
        throw new IOException("unterminated string");
    }

    /** Skips a string starting at the current quote; returns the index of its closing quote. */
    private int skipString() throws IOException {
        expect('"');
        // Locals, not fields, in the loop every key and skipped value goes through.
        byte[] bytes = b;
        int j = i;
        int e = end;
        while (j < e) {
            byte c = bytes[j++];
            if (c == '\\') {
                j++;
            } else if (c == '"') {
                i = j;
                return j - 1;
            }
        }
        throw new IOException("unterminated string");
    }

    private void skipValue() throws IOException {
        byte c = peek();
        if (c == '"') {
            skipString();
            return;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            while (i < end) {
                byte x = b[i];
                if (x == '"') {
                    skipString();
                    continue;
                }
                i++;
                if (x == '{' || x == '[') {
                    depth++;
                } else if ((x == '}' || x == ']') && --depth == 0) {
                    return;
                }
            }
            throw new IOException("unterminated value");
        }
        while (i < end && b[i] != ',' && b[i] != '}' && b[i] != ' ' && b[i] != '\n' && b[i] != '\r' && b[i] != '\t') {
            i++;
        }
    }

    private void ws() {
        byte[] bytes = b;
        int j = i;
        while (j < end && (bytes[j] == ' ' || bytes[j] == '\n' || bytes[j] == '\r' || bytes[j] == '\t')) {
            j++;
        }
        i = j;
    }

    private byte peek() throws IOException {
        if (i >= end) {
            throw new IOException("unexpected end of object");
        }
        return b[i];
    }

    private byte next() throws IOException {
        byte c = peek();
        i++;
        return c;
    }

    private void expect(char c) throws IOException {
        if (next() != c) {
            throw new IOException("expected " + c + " at " + (i - 1));
        }
    }
}

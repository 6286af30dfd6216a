package io.poxlog.viewer.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads the top-level fields of {@link MessageFields} from one JSON object's bytes in a single
 * pass, by hand: no parser object, no tree, nested values skipped. Strings without escapes become
 * Strings straight from their UTF-8 bytes. This is the viewer's hot path (every message passes
 * here), and doing it by hand is what reaches several hundred thousand records a second. Anything
 * it does not expect makes it throw, and {@link RecordParser} falls back to a full parse.
 * Not thread-safe: one per reading thread.
 */
final class RecordScanner {
    private MessageFields out;
    private byte[] b;
    private int i;
    private int end;

    /** Scans {@code bytes} (one object) into {@code fields}; returns its {@code CHANNEL}, "" when absent. */
    String scan(byte[] bytes, MessageFields fields) throws IOException {
        fields.reset();
        out = fields;
        b = bytes;
        i = 0;
        end = bytes.length;
        ws();
        expect('{');
        ws();
        if (peek() == '}') {
            return fields.channel;
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
                return fields.channel;
            }
            if (c != ',') {
                throw new IOException("expected , or } at " + (i - 1));
            }
        }
    }

    private void field(int key, int len) throws IOException {
        switch (len) {
            case 3 -> {
                // seq first: records have no other key of three letters.
                if (is(key, "seq")) {
                    out.seq = number() ? asLong() : -1;
                    return;
                }
                if (is(key, "XID")) {
                    out.xid = stringOr(null);
                    return;
                }
                if (is(key, "cmd")) {
                    out.cmd = stringOr(null);
                    return;
                }
                if (is(key, "gap")) {
                    gap();
                    return;
                }
            }
            case 4 -> {
                if (is(key, "name")) {
                    out.logger = stringOr("");
                    return;
                }
            }
            case 7 -> {
                if (is(key, "CHANNEL")) {
                    out.channel = stringOr("");
                    return;
                }
                if (is(key, "created")) {
                    out.created = number() ? lastNumber : Double.NaN;
                    return;
                }
                if (is(key, "levelno")) {
                    out.levelNo = number() ? (int) lastNumber : -1;
                    return;
                }
                if (is(key, "message")) {
                    out.message = stringOr("");
                    return;
                }
                if (is(key, "dropped")) {
                    out.dropped = number() ? asLong() : 0;
                    return;
                }
            }
            case 9 -> {
                if (is(key, "levelname")) {
                    out.levelName = stringOr("");
                    return;
                }
            }
            default -> { }
        }
        skipValue();
    }

    /** {@code gap}: two whole numbers {@code [first, last]}, or marked malformed (and skipped whole). */
    private void gap() throws IOException {
        out.hasGap = true;
        int start = i;
        if (peek() == '[') {
            i++;
            ws();
            if (number() && whole()) {
                long first = asLong();
                ws();
                if (i < end && b[i] == ',') {
                    i++;
                    ws();
                    if (number() && whole()) {
                        long last = asLong();
                        ws();
                        if (i < end && b[i] == ']') {
                            i++;
                            out.gapFirst = first;
                            out.gapLast = last;
                            return;
                        }
                    }
                }
            }
        }
        i = start;
        skipValue();
        out.gapFirst = MessageFields.MALFORMED_GAP;
    }

    private boolean whole() {
        return lastIsLong || lastNumber == Math.rint(lastNumber);
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
    /** The last number exactly, when it was a whole number that fits a long. */
    private long lastLong;
    private boolean lastIsLong;

    /** The last number as a long: exact when it was a whole one, else saturated. */
    private long asLong() {
        return lastIsLong ? lastLong : (long) lastNumber;
    }

    /** Reads a number into lastNumber (and lastLong); false (value skipped) when the value is not a number. */
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
        lastIsLong = true;
        lastLong = negative ? -whole : whole;
        double v = whole;
        if (i < end && b[i] == '.') {
            lastIsLong = false;
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
        String text = new String(b, start, i - start, StandardCharsets.US_ASCII);
        try {
            lastNumber = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IOException("bad number at " + start);
        }
        try {
            lastLong = Long.parseLong(text); // exact for whole numbers of 18 or 19 digits
            lastIsLong = true;
        } catch (NumberFormatException notWholeOrTooLarge) {
            lastIsLong = false;
        }
        return true;
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

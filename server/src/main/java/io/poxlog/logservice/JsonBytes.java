package io.poxlog.logservice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON writer straight to UTF-8 bytes, for the one shape the log service writes a
 * million times a second: an object of strings, whole numbers and decimals. Faster than a general
 * generator because field names are pre-encoded and ASCII text is copied byte by byte.
 * Not thread-safe: one per log-service thread, reused record after record.
 */
final class JsonBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** The tens and ones digit of 0..99. */
    private static final byte[] PAIR_TENS = new byte[100];
    private static final byte[] PAIR_ONES = new byte[100];

    static {
        for (int i = 0; i < 100; i++) {
            PAIR_TENS[i] = (byte) ('0' + i / 10);
            PAIR_ONES[i] = (byte) ('0' + i % 10);
        }
    }
    /** 10^0 .. 10^18. */
    private static final long[] POW10 = new long[19];

    static {
        long p = 1;
        for (int i = 0; i < POW10.length; i++) {
            POW10[i] = p;
            p *= 10;
        }
    }
    private byte[] buf = new byte[1024];
    private int len;
    private boolean first;

    /** A field name as {@code "name":}, encoded once. */
    static byte[] name(String name) {
        return ("\"" + name + "\":").getBytes(StandardCharsets.UTF_8);
    }

    /** Past this, a buffer grown for one big record is let go at the next reset. */
    private static final int KEEP_BYTES = 256 * 1024;

    JsonBytes reset() {
        return reset(KEEP_BYTES);
    }

    /** Empties the writer; a buffer grown past {@code keepBytes} is let go. */
    JsonBytes reset(int keepBytes) {
        len = 0;
        if (buf.length > keepBytes) {
            buf = new byte[1024];
        }
        return this;
    }

    /** Drops what was written from {@code length} on: a record started there is begun again. */
    void rewind(int length) {
        len = length;
    }

    /** The buffer written so far, {@link #length} bytes of it: valid until the next write. */
    byte[] array() {
        return buf;
    }

    /** The bytes written since the reset. */
    int length() {
        return len;
    }

    /**
     * How many characters of {@code s}, from its start, {@link #string} writes in at most
     * {@code maxBytes} bytes (quotes not counted); never ends between the halves of a pair.
     */
    static int prefixFitting(String s, int maxBytes) {
        int bytes = 0;
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int cost = c >= 0x20 && c < 0x7f ? (c == '"' || c == '\\' ? 2 : 1)
                    : c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f' ? 2 : 6;
            if (Character.isHighSurrogate(c)) {
                cost = 12; // the pair goes whole or not at all
            } else if (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(s.charAt(i - 1))) {
                continue; // paid with its high half
            }
            if (bytes + cost > maxBytes) {
                return i;
            }
            bytes += cost;
        }
        return n;
    }

    /** A field's name, for a value the caller writes itself with {@link #raw} and the like. */
    void name(byte[] name) {
        field(name);
    }

    /** Bytes as they are. */
    void rawBytes(byte[] b) {
        put(b);
    }

    /** The comma before an element the caller writes itself, unless it is the first. */
    void startElement() {
        if (!first) {
            put((byte) ',');
        }
        first = false;
    }

    /** One byte, as it is (a quote, say). */
    void raw(byte b) {
        put(b);
    }

    /**
     * {@code s}'s characters {@code begin..end} as they are, one byte each: only for text known
     * to be printable ASCII without quotes or backslashes. {@code String.getBytes(int, int,
     * byte[], int)} copies the characters' low bytes without an array in between, which is all
     * ASCII needs.
     */
    @SuppressWarnings("deprecation")
    void ascii(String s, int begin, int end) {
        int n = end - begin;
        ensure(n);
        s.getBytes(begin, end, buf, len);
        len += n;
    }

    /** A string's JSON text without its quotes, escaped as {@link #string} escapes it. */
    @SuppressWarnings("deprecation")
    void stringContent(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!(c >= 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                contentSlow(s);
                return;
            }
        }
        ensure(n);
        s.getBytes(0, n, buf, len);
        len += n;
    }

    /** Appends again the bytes written at {@code from..to} (since the last reset). */
    void copyOf(int from, int to) {
        int n = to - from;
        ensure(n);
        System.arraycopy(buf, from, buf, len, n);
        len += n;
    }

    /** The bytes written, without the leading '{' (the per-subscriber head carries it). */
    byte[] toBytesAfterFirst() {
        return Arrays.copyOfRange(buf, 1, len);
    }

    void startObject() {
        put((byte) '{');
        first = true;
    }

    void endObject() {
        put((byte) '}');
        first = false;
    }

    private void field(byte[] name) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        put(name);
    }

    void string(byte[] name, String value) {
        field(name);
        string(value);
    }

    void number(byte[] name, long value) {
        field(name);
        number(value);
    }

    /** A decimal of {@code micros} millionths, as Python prints a float: 1700000000.123456, 896.0. */
    void micros(byte[] name, long micros) {
        field(name);
        if (micros < 0) {
            put((byte) '-');
            micros = -micros;
        }
        number(micros / 1_000_000);
        put((byte) '.');
        fraction6((int) (micros % 1_000_000));
    }

    void startArray(byte[] name) {
        field(name);
        put((byte) '[');
        first = true;
    }

    /** An array as the next element of the current array. */
    void startElementArray() {
        if (!first) {
            put((byte) ',');
        }
        put((byte) '[');
        first = true;
    }

    void element(String value) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        string(value);
    }

    /** A JSON literal ({@code 12}, {@code 1.5}, {@code true}, {@code null}), ASCII, as the next element. */
    void elementLiteral(String ascii) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        put(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    /** A whole number as the next element of the current array. */
    void element(long value) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        number(value);
    }

    void endArray() {
        put((byte) ']');
        first = false;
    }

    void number(long v) {
        if (v == Long.MIN_VALUE) {
            put(Long.toString(v).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (v < 0) {
            put((byte) '-');
            v = -v;
        }
        // Two digits per division, and the length found without a loop: seq, times and ids are
        // written several times per record, and divisions were the top of the encoder's profile.
        // Most fit an int, whose division is cheaper than a long's.
        int digits = digits(v);
        ensure(digits);
        int pos = len + digits;
        while (v > Integer.MAX_VALUE) {
            long q = v / 100;
            int pair = (int) (v - q * 100);
            v = q;
            buf[--pos] = PAIR_ONES[pair];
            buf[--pos] = PAIR_TENS[pair];
        }
        int x = (int) v;
        byte[] b = buf;
        if (x >= 10_000) {
            // The last four digits apart from the rest: two short chains of divisions, which the
            // CPU runs side by side, instead of one long one (a seven-digit seq or id: 22 ns
            // a number before, on the benchmark machine).
            int hi = x / 10_000;
            int lo = x - hi * 10_000;
            int lo1 = lo / 100;
            int lo2 = lo - lo1 * 100;
            b[pos - 1] = PAIR_ONES[lo2];
            b[pos - 2] = PAIR_TENS[lo2];
            b[pos - 3] = PAIR_ONES[lo1];
            b[pos - 4] = PAIR_TENS[lo1];
            pos -= 4;
            x = hi;
        }
        while (x >= 100) {
            int q = x / 100;
            int pair = x - q * 100;
            x = q;
            buf[--pos] = PAIR_ONES[pair];
            buf[--pos] = PAIR_TENS[pair];
        }
        if (x >= 10) {
            buf[--pos] = PAIR_ONES[x];
            buf[--pos] = PAIR_TENS[x];
        } else {
            buf[--pos] = (byte) ('0' + x);
        }
        len += digits;
    }

    /** How many decimal digits a non-negative {@code v} has: from its bit length, without a loop. */
    static int digits(long v) {
        if (v < 10) {
            return 1;
        }
        // floor(log10(v)) is t or t - 1 (Bit Twiddling Hacks' IntegerLog10)
        int t = ((64 - Long.numberOfLeadingZeros(v)) * 1233) >>> 12;
        return v < POW10[t] ? t : t + 1;
    }

    /**
     * The fraction {@code frac} millionths (0..999,999) after a decimal point, as Python prints a
     * float: without trailing zeros, and {@code 0} for none.
     */
    void fraction6(int frac) {
        if (frac == 0) {
            put((byte) '0');
            return;
        }
        // Three pairs of digits, two divisions by constants; then the trailing zeros go. A digit
        // and a division at a time, this was 8% of the service thread.
        ensure(6);
        int hi = frac / 10_000;
        int rest = frac - hi * 10_000;
        int mid = rest / 100;
        int lo = rest - mid * 100;
        byte[] b = buf;
        int at = len;
        b[at] = PAIR_TENS[hi];
        b[at + 1] = PAIR_ONES[hi];
        b[at + 2] = PAIR_TENS[mid];
        b[at + 3] = PAIR_ONES[mid];
        b[at + 4] = PAIR_TENS[lo];
        b[at + 5] = PAIR_ONES[lo];
        int digits = 6;
        while (b[at + digits - 1] == '0') {
            digits--; // stops at the first digit at the latest: frac is not 0
        }
        len += digits;
    }

    /** Fields already encoded ({@code "a":1,"b":"x"}), as the next fields of the current object. */
    void fields(byte[] encoded) {
        if (!first) {
            put((byte) ',');
        }
        first = false;
        put(encoded);
    }

    /** A string value already encoded by {@link #encodeString}, quotes included. */
    void encoded(byte[] name, byte[] value) {
        field(name);
        put(value);
    }

    /** The JSON text of a string, quotes included, to be written many times with {@link #encoded}. */
    static byte[] encodeString(String s) {
        JsonBytes j = new JsonBytes();
        j.string(s);
        return Arrays.copyOf(j.buf, j.len);
    }

    /**
     * Writes a string as POX does ({@code json.dumps}, {@code ensure_ascii}): every character
     * outside printable ASCII as a {@code \\u} escape, so the bytes on the wire are ASCII and a
     * client that slices its byte buffer by characters (POX's test client) stays aligned.
     */
    void string(String s) {
        // Fast path: text with nothing to escape (nearly all log text) is copied as its bytes;
        // String.getBytes is an intrinsic for compact strings.
        int n = s.length();
        boolean plain = true;
        for (int i = 0; plain && i < n; i++) {
            char c = s.charAt(i);
            plain = c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
        }
        if (!plain) {
            stringSlow(s);
            return;
        }
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1); // ASCII: one byte per char
        ensure(b.length + 2);
        buf[len++] = '"';
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        buf[len++] = '"';
    }

    private void stringSlow(String s) {
        put((byte) '"');
        contentSlow(s);
        put((byte) '"');
    }

    private void contentSlow(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                if (len == buf.length) {
                    ensure(n - i + 1);
                }
                buf[len++] = (byte) c;
            } else {
                special(c);
            }
        }
    }

    /** One character that is not printable ASCII: a short escape, or {@code \\uXXXX} (a surrogate pair is two). */
    private void special(char c) {
        switch (c) {
            case '"' -> put2('\\', '"');
            case '\\' -> put2('\\', '\\');
            case '\n' -> put2('\\', 'n');
            case '\r' -> put2('\\', 'r');
            case '\t' -> put2('\\', 't');
            case '\b' -> put2('\\', 'b');
            case '\f' -> put2('\\', 'f');
            default -> {
                ensure(6);
                buf[len++] = '\\';
                buf[len++] = 'u';
                buf[len++] = HEX[c >> 12];
                buf[len++] = HEX[(c >> 8) & 0xf];
                buf[len++] = HEX[(c >> 4) & 0xf];
                buf[len++] = HEX[c & 0xf];
            }
        }
    }

    private void put2(char a, char b) {
        ensure(2);
        buf[len++] = (byte) a;
        buf[len++] = (byte) b;
    }

    private void put(byte b) {
        ensure(1);
        buf[len++] = b;
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}

package io.poxlog.logservice.format;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * One compiled {@code %(key)[flags][width][.precision]conv} field of a {@link PyLogFormat}. All
 * parsing is done up front so that formatting is a switch plus appends into the caller's buffer;
 * padding is inserted in place afterwards so no temporary strings are built. Immutable, thread-safe.
 */
final class PyConversion {

    private static final String SPACES = " ".repeat(64);
    private static final String ZEROS = "0".repeat(64);

    final String key;
    /** The field as written (e.g. "%(levelno)03d"), for error messages. */
    private final String spec;
    /** Conversion as written; kind is the same with i/u folded into d. */
    private final char conv;
    private final char kind;
    private final boolean left;
    private final boolean zero;
    private final boolean plus;
    private final boolean space;
    private final boolean alt;
    /** 0 when absent. */
    private final int width;
    /** -1 when absent. */
    private final int precision;
    /** The overwhelmingly common plain %(key)s needs no padding logic at all. */
    private final boolean plainStr;

    PyConversion(String key, String spec, String flags, int width, int precision, char conv) {
        this.key = key;
        this.spec = spec;
        this.conv = conv;
        this.kind = conv == 'i' || conv == 'u' ? 'd' : conv;
        this.left = flags.indexOf('-') >= 0;
        this.zero = flags.indexOf('0') >= 0;
        this.plus = flags.indexOf('+') >= 0;
        this.space = flags.indexOf(' ') >= 0;
        this.alt = flags.indexOf('#') >= 0;
        this.width = width;
        this.precision = precision;
        this.plainStr = conv == 's' && width == 0 && precision < 0;
    }

    /**
     * The most characters this field can append for a value whose {@code %s} text is at most
     * {@code valueLength} long (numbers: their digits, whatever the value, as a log record's are
     * longs and doubles).
     */
    long maxLength(long valueLength) {
        long body = switch (kind) {
            case 's' -> precision >= 0 ? Math.min(2L * precision, valueLength) : valueLength; // code points
            // repr escapes a character in at most 10 (\U0001f600), within quotes.
            case 'r', 'a' -> precision >= 0 ? Math.min(precision, valueLength * 10 + 2) : valueLength * 10 + 2;
            case 'c' -> 2;
            // A long in octal is 22 digits; sign and 0x prefix.
            case 'd', 'o', 'x', 'X' -> Math.max(precision, 22) + 3;
            // A double in %f is up to 309 digits before the point.
            default -> 312 + (precision < 0 ? 6 : precision);
        };
        return Math.max(body, width);
    }

    void appendTo(StringBuilder out, Object v) {
        if (plainStr) {
            PyText.appendStr(out, v);
            return;
        }
        switch (kind) {
            case 's', 'r', 'a', 'c' -> formatText(out, v);
            case 'd', 'o', 'x', 'X' -> formatInteger(out, v);
            default -> formatFloat(out, v);
        }
    }

    private void formatText(StringBuilder out, Object v) {
        int start = out.length();
        if (kind == 's') {
            PyText.appendStr(out, v);
        } else if (kind == 'c') {
            appendChar(out, v);
        } else {
            PyText.appendRepr(out, v, kind == 'a');
        }
        // Python measures precision and width in code points, not UTF-16 units; %c ignores precision.
        if (precision >= 0 && kind != 'c' && out.length() - start > precision
                && out.codePointCount(start, out.length()) > precision) {
            out.setLength(out.offsetByCodePoints(start, precision));
        }
        if (width > 0) {
            // The '0' flag is ignored for text, as in Python.
            pad(out, start, start, width - out.codePointCount(start, out.length()), false);
        }
    }

    private void appendChar(StringBuilder out, Object v) {
        if (PyText.isInteger(v)) {
            long cp = v instanceof BigInteger b ? (b.bitLength() < 32 ? b.intValue() : -1) : PyText.longValue(v);
            if (cp < 0 || cp > Character.MAX_CODE_POINT) {
                throw fail("%c arg not in range(0x110000)");
            }
            out.appendCodePoint((int) cp);
        } else if (v instanceof String s && s.codePointCount(0, s.length()) == 1) {
            out.append(s);
        } else if (v instanceof Character ch) {
            out.append(ch.charValue());
        } else {
            throw fail("%c requires int or char");
        }
    }

    private void formatInteger(StringBuilder out, Object v) {
        long x = 0;
        BigInteger big = null;
        if (PyText.isInteger(v)) {
            if (v instanceof BigInteger b) {
                big = b;
            } else {
                x = PyText.longValue(v);
            }
        } else if (kind == 'd' && v instanceof Number) {
            // Python's %d calls int() on floats: truncation toward zero, arbitrary size.
            if (v instanceof BigDecimal bd) {
                big = bd.toBigInteger();
            } else {
                double d = PyText.doubleValue(v);
                if (d != d) {
                    throw fail("cannot convert float NaN to integer");
                } else if (Double.isInfinite(d)) {
                    throw fail("cannot convert float infinity to integer");
                } else if (Math.abs(d) < 0x1p63) {
                    x = (long) d;
                } else {
                    big = new BigDecimal(d).toBigInteger();
                }
            }
        } else {
            throw fail("%" + conv + " format: "
                + (kind == 'd' ? "a real number" : "an integer") + " is required, not " + PyText.typeName(v));
        }
        if (big != null && big.bitLength() < 64) {
            x = big.longValue();
            big = null;
        }
        boolean neg = big != null ? big.signum() < 0 : x < 0;
        int start = out.length();
        appendSign(out, neg);
        if (alt && kind != 'd') {
            out.append(kind == 'o' ? "0o" : kind == 'x' ? "0x" : "0X");
        }
        int body = out.length();
        if (big != null) {
            String s = big.abs().toString(kind == 'd' ? 10 : kind == 'o' ? 8 : 16);
            out.append(kind == 'X' ? s.toUpperCase(Locale.ROOT) : s);
        } else if (kind == 'd') {
            if (x == Long.MIN_VALUE) {
                out.append(Long.toUnsignedString(x));
            } else {
                out.append(Math.abs(x));
            }
        } else if (kind == 'o') {
            out.append(Long.toOctalString(neg ? -x : x)); // -MIN_VALUE reads as 2^63 unsigned
        } else {
            String s = Long.toHexString(neg ? -x : x);
            out.append(kind == 'X' ? s.toUpperCase(Locale.ROOT) : s);
        }
        int digits = out.length() - body;
        if (precision > digits) {
            insertRepeated(out, body, ZEROS, precision - digits);
        }
        pad(out, start, body, width - (out.length() - start), zero);
    }

    private void formatFloat(StringBuilder out, Object v) {
        if (!PyText.isReal(v)) {
            throw fail("must be real number, not " + PyText.typeName(v));
        }
        double d = PyText.doubleValue(v);
        int start = out.length();
        // NaN compares false both ways, so it never gets a '-' (Python drops the sign of nan too).
        appendSign(out, d < 0 || (d == 0 && 1 / d < 0));
        int body = out.length();
        double a = Math.abs(d);
        boolean upper = Character.isUpperCase(kind);
        int prec = precision < 0 ? 6 : precision;
        if (a != a) {
            out.append(upper ? "NAN" : "nan");
        } else if (a == Double.POSITIVE_INFINITY) {
            out.append(upper ? "INF" : "inf");
        } else if (kind == 'f' || kind == 'F') {
            PyFloats.appendFixed(out, a, prec, alt);
        } else if (kind == 'e' || kind == 'E') {
            PyFloats.appendExponent(out, a, prec, upper ? 'E' : 'e', alt);
        } else {
            PyFloats.appendGeneral(out, a, prec, upper ? 'E' : 'e', alt);
        }
        // Python zero-pads even "inf"/"nan" ("%05f" -> "00inf"); we mirror that.
        pad(out, start, body, width - (out.length() - start), zero);
    }

    private void appendSign(StringBuilder out, boolean negative) {
        if (negative) {
            out.append('-');
        } else if (plus) {
            out.append('+');
        } else if (space) {
            out.append(' ');
        }
    }

    /** Pads to the width: '-' appends spaces, '0' inserts zeros after sign/prefix, else spaces in front. */
    private void pad(StringBuilder out, int start, int body, int count, boolean zeroPad) {
        if (count <= 0) {
            return;
        }
        if (left) {
            for (int n = count; n > 0; n -= SPACES.length()) {
                out.append(SPACES, 0, Math.min(n, SPACES.length()));
            }
        } else {
            insertRepeated(out, zeroPad ? body : start, zeroPad ? ZEROS : SPACES, count);
        }
    }

    private static void insertRepeated(StringBuilder out, int at, String unit, int count) {
        for (int n = count; n > 0; n -= unit.length()) {
            out.insert(at, unit, 0, Math.min(n, unit.length()));
        }
    }

    private IllegalArgumentException fail(String message) {
        return new IllegalArgumentException(message + " (in '" + spec + "')");
    }
}

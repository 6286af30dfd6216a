package io.poxlog.logservice.format;

import java.math.BigInteger;

/**
 * Python's {@code str()}, {@code repr()} and {@code ascii()} for the Java values a log record
 * attribute can hold, plus the numeric coercions the %-operator applies. Stateless, thread-safe.
 */
final class PyText {

    private PyText() {
    }

    /** Appends {@code str(v)}. */
    static void appendStr(StringBuilder out, Object v) {
        if (v instanceof String s) {
            out.append(s);
        } else if (v instanceof Integer i) {
            out.append(i.intValue());
        } else if (v instanceof Long l) {
            out.append(l.longValue());
        } else if (v instanceof Double d) {
            PyFloats.appendRepr(out, d);
        } else if (v == null) {
            out.append("None");
        } else if (v instanceof Boolean b) {
            out.append(b ? "True" : "False");
        } else if (v instanceof Float f) {
            PyFloats.appendRepr(out, floatToDouble(f));
        } else {
            // Includes BigDecimal, whose toString follows the same spec as Python's Decimal.
            out.append(v);
        }
    }

    /** Appends {@code repr(v)}, or {@code ascii(v)} when asciiOnly is set. */
    static void appendRepr(StringBuilder out, Object v, boolean asciiOnly) {
        if (!(v instanceof String s)) {
            if (!asciiOnly) {
                appendStr(out, v);
                return;
            }
            StringBuilder tmp = new StringBuilder();
            appendStr(tmp, v);
            appendEscaped(out, tmp, (char) 0, true);
            return;
        }
        // Python prefers single quotes and switches to double only to avoid escaping a '.
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        out.append(quote);
        appendEscaped(out, s, quote, asciiOnly);
        out.append(quote);
    }

    private static void appendEscaped(StringBuilder out, CharSequence s, char quote, boolean asciiOnly) {
        for (int i = 0; i < s.length(); ) {
            int cp = Character.codePointAt(s, i);
            i += Character.charCount(cp);
            if (cp == quote || cp == '\\') {
                out.append('\\').append((char) cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\r') {
                out.append("\\r");
            } else if (cp >= 0x20 && cp < 0x7f) {
                out.append((char) cp);
            } else if (cp >= 0x7f && !asciiOnly && isPrintable(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                appendHex(out.append("\\x"), cp, 2);
            } else if (cp <= 0xffff) {
                appendHex(out.append("\\u"), cp, 4);
            } else {
                appendHex(out.append("\\U"), cp, 8);
            }
        }
    }

    /** Python's str.isprintable() for non-ASCII code points, via the JDK's Unicode tables. */
    private static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                 Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    private static void appendHex(StringBuilder out, int v, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.append(Character.forDigit((v >>> shift) & 0xf, 16));
        }
    }

    /**
     * A Java float stands for the decimal it prints as (1.1f means 1.1), so widen it through its
     * shortest decimal form instead of exposing binary noise like 1.100000023841858.
     */
    static double floatToDouble(Float f) {
        float x = f;
        return Float.isFinite(x) ? Double.parseDouble(Float.toString(x)) : x;
    }

    static boolean isInteger(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
            || v instanceof BigInteger || v instanceof Boolean;
    }

    static boolean isReal(Object v) {
        return v instanceof Number || v instanceof Boolean;
    }

    /** The value of a non-BigInteger integer-like value ({@link #isInteger}); bool counts as 0/1 as in Python. */
    static long longValue(Object v) {
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).longValue();
    }

    static double doubleValue(Object v) {
        if (v instanceof Double d) {
            return d;
        }
        if (v instanceof Float f) {
            return floatToDouble(f);
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return ((Number) v).doubleValue();
    }

    /** The Python type name a value would have, for TypeError-like messages. */
    static String typeName(Object v) {
        if (v == null) {
            return "NoneType";
        } else if (v instanceof String) {
            return "str";
        } else if (v instanceof Boolean) {
            return "bool";
        } else if (isInteger(v)) {
            return "int";
        } else if (v instanceof Number) {
            return "float";
        }
        return v.getClass().getSimpleName();
    }
}

package io.poxlog.logservice.format;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A Python {@code logging} %-style format string such as
 * {@code "%(asctime)s %(levelname)-8s %(name)s %(message)s"}, i.e. what {@code logging.Formatter}
 * does with {@code fmt % record.__dict__}.
 *
 * <p>The string is parsed once by {@link #compile} into literal text and {@link PyConversion}
 * fields, because formatting runs for every log record (about a million times per second): the
 * hot path does no parsing, no regex and no {@code String.format}, and appends straight into the
 * caller's {@link StringBuilder}. Malformed formats and unknown attribute names are rejected at
 * compile time so a bad configuration fails once, loudly, instead of on every record.
 *
 * <p>Supported: conversions {@code s r a c d i u o x X e E f F g G}, {@code %%}, flags
 * {@code - 0 + space #}, width, {@code .precision}, Python's ignored length modifiers
 * {@code h l L}, and nested parentheses in keys (as CPython allows). Values may be String,
 * Integer, Long, Short, Byte, BigInteger, Double, Float, BigDecimal, Boolean or null (Python's
 * {@code None}); anything else formats with {@code toString()} for {@code %s}.
 *
 * <p>Deliberate differences from CPython: a key missing from {@code knownKeys} fails at compile
 * time (Python raises KeyError per record); a Java Float is widened through its shortest decimal
 * (1.1f formats as 1.1, since Python has no 32-bit float); where Python raises TypeError,
 * ValueError or OverflowError at format time (e.g. a String for {@code %d}), formatting throws
 * IllegalArgumentException with Python's message. {@code str.isprintable()} for {@code %r} uses
 * the JDK's Unicode tables, which may differ from Python's for very new characters.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PyLogFormat {
    /** The largest width or precision of a field: far beyond any sensible log line. */
    public static final int MAX_WIDTH = 1000;


    private static final String FLAGS = "-+ #0";
    private static final String CONVERSIONS = "sracdiuoxXeEfFgG";

    private final String source;
    /** Each element is a literal String or a PyConversion; an array keeps the loop tight. */
    private final Object[] segments;
    private final Set<String> keys;

    private PyLogFormat(String source, Object[] segments, Set<String> keys) {
        this.source = source;
        this.segments = segments;
        this.keys = keys;
    }

    /**
     * Compiles fmt. Throws IllegalArgumentException with a clear message naming the offending
     * text (e.g. "unknown key 'foo' in format '%(foo)s'", "bad conversion 'q' at position 7 in
     * format ...", "format ends inside '%(name'") if fmt is malformed or uses a key not in
     * knownKeys.
     */
    public static PyLogFormat compile(String fmt, Set<String> knownKeys) {
        Objects.requireNonNull(fmt, "fmt");
        Objects.requireNonNull(knownKeys, "knownKeys");
        List<Object> segments = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>();
        StringBuilder literal = new StringBuilder();
        int n = fmt.length();
        int i = 0;
        while (i < n) {
            int pct = fmt.indexOf('%', i);
            if (pct < 0) {
                literal.append(fmt, i, n);
                break;
            }
            literal.append(fmt, i, pct);
            i = pct + 1;
            if (i >= n) {
                throw error("format ends with a lone '%' at position " + pct, fmt);
            }
            char c = fmt.charAt(i);
            if (c == '%') {
                literal.append('%');
                i++;
                continue;
            }
            if (c != '(') {
                // logging applies the format to a mapping, so positional fields cannot work.
                throw error("'%" + c + "' at position " + pct + " has no (key); use %(name)s-style fields", fmt);
            }
            // CPython lets keys contain balanced parentheses: "%(a(b))s" uses key "a(b)".
            int depth = 1;
            int keyStart = ++i;
            while (i < n && depth > 0) {
                char k = fmt.charAt(i++);
                if (k == '(') {
                    depth++;
                } else if (k == ')') {
                    depth--;
                }
            }
            if (depth > 0) {
                throw new IllegalArgumentException("format ends inside '" + fmt.substring(pct) + "'");
            }
            String key = fmt.substring(keyStart, i - 1);
            if (!knownKeys.contains(key)) {
                throw error("unknown key '" + key + "'", fmt);
            }
            int flagsStart = i;
            while (i < n && FLAGS.indexOf(fmt.charAt(i)) >= 0) {
                i++;
            }
            String flags = fmt.substring(flagsStart, i);
            rejectStar(fmt, i);
            int numStart = i;
            i = skipDigits(fmt, i);
            int width = parseNumber(fmt, numStart, i, "width");
            int precision = -1;
            if (i < n && fmt.charAt(i) == '.') {
                rejectStar(fmt, ++i);
                numStart = i;
                i = skipDigits(fmt, i);
                precision = parseNumber(fmt, numStart, i, "precision"); // "%.s" means precision 0
            }
            if (i < n && "hlL".indexOf(fmt.charAt(i)) >= 0) {
                i++; // C length modifier: accepted and ignored, like CPython (only one)
            }
            if (i >= n) {
                throw new IllegalArgumentException("format ends inside '" + fmt.substring(pct) + "'");
            }
            char conv = fmt.charAt(i);
            if (CONVERSIONS.indexOf(conv) < 0) {
                throw error("bad conversion '" + conv + "' at position " + i, fmt);
            }
            i++;
            if (literal.length() > 0) {
                segments.add(literal.toString());
                literal.setLength(0);
            }
            segments.add(new PyConversion(key, fmt.substring(pct, i), flags, width, precision, conv));
            keys.add(key);
        }
        if (literal.length() > 0) {
            segments.add(literal.toString());
        }
        return new PyLogFormat(fmt, segments.toArray(), Collections.unmodifiableSet(keys));
    }

    private static void rejectStar(String fmt, int i) {
        if (i < fmt.length() && fmt.charAt(i) == '*') {
            // '*' takes width/precision from a positional argument, which a mapping cannot supply.
            throw error("'*' width/precision at position " + i + " is not supported", fmt);
        }
    }

    private static int skipDigits(String fmt, int i) {
        while (i < fmt.length() && fmt.charAt(i) >= '0' && fmt.charAt(i) <= '9') {
            i++;
        }
        return i;
    }

    private static int parseNumber(String fmt, int from, int to, String what) {
        if (from == to) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(fmt, from, to, 10);
        } catch (NumberFormatException e) {
            throw error(what + " too big at position " + from, fmt);
        }
        // One subscriber's format is applied on the service thread that serves everyone: a width
        // of millions would stall every subscriber (found by fuzzing), so bound it.
        if (n > MAX_WIDTH) {
            throw error(what + " " + n + " at position " + from + " is larger than the limit of " + MAX_WIDTH, fmt);
        }
        return n;
    }

    private static IllegalArgumentException error(String what, String fmt) {
        return new IllegalArgumentException(what + " in format '" + fmt + "'");
    }

    /**
     * Appends the formatted text to out. attrs returns the attribute's value: String, Integer,
     * Long, Double/Float, or null (null formats as Python's None -> "None" for %s).
     *
     * @throws IllegalArgumentException where Python would raise TypeError/ValueError, e.g. a
     *     String passed to %d or a NaN passed to %d; out may then hold partial output
     */
    public void formatTo(StringBuilder out, Function<String, Object> attrs) {
        for (Object segment : segments) {
            if (segment instanceof String literal) {
                out.append(literal);
            } else {
                PyConversion field = (PyConversion) segment;
                field.appendTo(out, attrs.apply(field.key));
            }
        }
    }

    /**
     * As {@link #formatTo(StringBuilder, Function)}, but stops after the field that takes
     * {@code out} past {@code maxLength} characters: a caller that will cut the text anyway
     * need not build all of it (a format can repeat a long value a hundred times).
     *
     * @return whether the whole text was appended
     */
    public boolean formatTo(StringBuilder out, Function<String, Object> attrs, int maxLength) {
        for (Object segment : segments) {
            if (out.length() > maxLength) {
                return false;
            }
            if (segment instanceof String literal) {
                out.append(literal);
            } else {
                PyConversion field = (PyConversion) segment;
                field.appendTo(out, attrs.apply(field.key));
            }
        }
        return true;
    }

    /**
     * The most characters this format can make when each key's value is at most
     * {@code valueLength} characters long as {@code %s} formats it: the fixed part of what it
     * makes of a record, for a caller to bound once instead of per record.
     */
    public long maxLength(ToLongFunction<String> valueLength) {
        long n = 0;
        for (Object segment : segments) {
            if (segment instanceof String literal) {
                n += literal.length();
            } else {
                PyConversion field = (PyConversion) segment;
                n += field.maxLength(valueLength.applyAsLong(field.key));
            }
        }
        return n;
    }

    /** Formats into a new String; see {@link #formatTo}. */
    public String format(Function<String, Object> attrs) {
        StringBuilder out = new StringBuilder(Math.max(16, source.length() * 2));
        formatTo(out, attrs);
        return out.toString();
    }

    /** The keys the format uses, in order of first use, so callers compute only those. */
    public Set<String> keys() {
        return keys;
    }

    /** The format string this was compiled from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "PyLogFormat[" + source + "]";
    }
}

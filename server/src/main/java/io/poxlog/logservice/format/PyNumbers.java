package io.poxlog.logservice.format;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Numbers as Python's {@code json.dumps} writes them, for a record's {@code args}: POX sends a log
 * call's arguments as they are, so a number arrives as a JSON number. Integers as their digits,
 * floats as Python's {@code repr} (the shortest text that reads back the same: {@code 0.1},
 * {@code 1e+20}). Stateless and thread-safe.
 */
public final class PyNumbers {
    private PyNumbers() {
    }

    /**
     * Whether {@code v} is a number whose value can never change, and so may be read on another
     * thread later: the JDK's boxed numbers and big numbers, not counters such as AtomicLong.
     */
    public static boolean immutable(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Double || v instanceof Float
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger || v instanceof BigDecimal;
    }

    /**
     * The JSON text of {@code n} as Python writes it, or null for a NaN or an infinity, which JSON
     * cannot hold (Python writes {@code NaN}, which is not JSON): the caller sends those as text.
     */
    public static String json(Number n) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            StringBuilder sb = new StringBuilder(24);
            PyText.appendStr(sb, n);
            return sb.toString();
        }
        return n.toString();
    }
}

package io.poxlog.viewer.model;

import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regex matching that can be called off. A user's regex can backtrack for hours on one record
 * (Java's guard against exponential backtracking does not cover every pattern), and a matcher
 * cannot be interrupted; but it reads its input through {@link CharSequence#charAt}, so the text
 * is handed over in a wrapper that every few thousand characters read asks whether to go on, and
 * throws {@link Cancelled} when not. Thread-safe: nothing is shared between calls.
 */
public final class Scan {
    /** Characters read between two looks at the cancel flag: cheap, and still many per millisecond. */
    private static final int CHECK_EVERY = 4096;

    /** Thrown out of a match, a search or a filter that was called off. */
    public static final class Cancelled extends RuntimeException {
        public Cancelled() {
            super("cancelled", null, false, false);
        }
    }

    private Scan() {
    }

    /** Whether {@code p} finds a match in {@code s}; throws {@link Cancelled} once {@code cancelled} says so. */
    public static boolean find(Pattern p, String s, BooleanSupplier cancelled) {
        if (cancelled.getAsBoolean()) {
            throw new Cancelled();
        }
        return p.matcher(new Checked(s, cancelled)).find();
    }

    /** A matcher over {@code s} whose every find throws {@link Cancelled} once {@code cancelled} says so. */
    public static Matcher matcher(Pattern p, String s, BooleanSupplier cancelled) {
        return p.matcher(new Checked(s, cancelled));
    }

    /** Whether the entry's logger or message matches. */
    public static boolean findIn(Pattern p, LogEntry e, BooleanSupplier cancelled) {
        return find(p, e.logger(), cancelled) || find(p, e.message(), cancelled);
    }

    /** The text, asking now and then whether to go on. */
    private static final class Checked implements CharSequence {
        private final String s;
        private final int from;
        private final int length;
        private final BooleanSupplier cancelled;
        private int reads;

        Checked(String s, BooleanSupplier cancelled) {
            this(s, 0, s.length(), cancelled);
        }

        private Checked(String s, int from, int length, BooleanSupplier cancelled) {
            this.s = s;
            this.from = from;
            this.length = length;
            this.cancelled = cancelled;
        }

        @Override
        public char charAt(int index) {
            if (++reads == CHECK_EVERY) {
                reads = 0;
                if (cancelled.getAsBoolean()) {
                    throw new Cancelled();
                }
            }
            return s.charAt(from + index);
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return new Checked(s, from + start, end - start, cancelled);
        }

        @Override
        public String toString() {
            return s.substring(from, from + length);
        }
    }
}

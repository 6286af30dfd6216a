package io.poxlog.logservice;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A rough reading of a regular expression's text, before RE2/J compiles it: about how many
 * instructions it will compile to, and where its parentheses fail to pair up.
 *
 * <p>RE2/J spells out a counted repetition ({@code x{1000}}) as that many copies of what it
 * repeats, nested ones multiplying ({@code (x{1000}){1000}} is a million instructions, and a
 * quarter of a second to compile), and it matches in time proportional to the instructions
 * times the text. So a pattern is measured here first, in one pass over its text, and one that
 * would be too large is refused without compiling it. RE2/J's own errors do not say where they
 * are, and an unmatched {@code )} comes out as an internal error; the positions found here let
 * the refusal say where.
 *
 * <p>An estimate: it counts each literal, class and escape as one instruction and each repetition
 * as the copies it makes; RE2/J has the last word on validity. Immutable; any thread.
 *
 * @param size about how many instructions the pattern compiles to (saturating at {@link #CAP})
 * @param unmatchedClose where the first {@code )} without an open group is, or -1
 * @param unclosedOpen where the innermost {@code (} that is never closed is, or -1
 */
record RegexShape(long size, int unmatchedClose, int unclosedOpen) {
    static final long CAP = 1_000_000_000_000L;
    /** RE2/J refuses counts above this; more never needs counting. */
    private static final int MAX_COUNT = 1001;

    /** One group being read: the size of its items before the last, the last's, and where it opened. */
    private static final class Frame {
        long sum;
        long last;
        final int open;

        Frame(int open) {
            this.open = open;
        }

        void item(long size) {
            sum = sat(sum + last);
            last = size;
        }

        long total() {
            return sat(sum + last);
        }
    }

    static RegexShape of(String p) {
        Deque<Frame> frames = new ArrayDeque<>();
        frames.push(new Frame(-1));
        int unmatchedClose = -1;
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            Frame f = frames.peek();
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && p.charAt(i + 1) == 'Q') {
                        int end = p.indexOf("\\E", i + 2);
                        int stop = end < 0 ? n : end;
                        for (int k = i + 2; k < stop; k++) {
                            f.item(1);
                        }
                        i = end < 0 ? n : end + 2;
                    } else {
                        f.item(1);
                        i = escapeEnd(p, i);
                    }
                }
                case '[' -> {
                    f.item(1);
                    i = classEnd(p, i);
                }
                case '(' -> {
                    frames.push(new Frame(i));
                    i++;
                }
                case ')' -> {
                    if (frames.size() == 1) {
                        if (unmatchedClose < 0) {
                            unmatchedClose = i;
                        }
                        f.item(1);
                    } else {
                        Frame group = frames.pop();
                        frames.peek().item(group.total());
                    }
                    i++;
                }
                case '|' -> {
                    f.item(0);
                    i++;
                }
                case '*', '+', '?' -> {
                    f.last = sat(f.last + 1);
                    i++;
                }
                case '{' -> {
                    int end = repeatEnd(p, i);
                    if (end < 0) {
                        f.item(1);
                        i++;
                    } else {
                        f.last = sat(f.last * count(p, i, end) + 1);
                        i = end + 1;
                    }
                }
                default -> {
                    f.item(1);
                    i++;
                }
            }
        }
        int unclosedOpen = -1;
        while (frames.size() > 1) {
            Frame group = frames.pop();
            if (unclosedOpen < 0) {
                unclosedOpen = group.open;
            }
            frames.peek().item(group.total());
        }
        return new RegexShape(frames.peek().total(), unmatchedClose, unclosedOpen);
    }

    private static long sat(long v) {
        return Math.min(v, CAP);
    }

    /** The index after the escape at {@code i}: {@code \d}, {@code \pL}, {@code \p{Greek}}, {@code \x{263a}}. */
    private static int escapeEnd(String p, int i) {
        int n = p.length();
        if (i + 1 >= n) {
            return n;
        }
        char d = p.charAt(i + 1);
        if ((d == 'p' || d == 'P' || d == 'x') && i + 2 < n && p.charAt(i + 2) == '{') {
            int close = p.indexOf('}', i + 3);
            return close < 0 ? n : close + 1;
        }
        if (d == 'p' || d == 'P') {
            return Math.min(n, i + 3);
        }
        return i + 2;
    }

    /** The index after the character class opened at {@code i}, or the end if it never closes. */
    private static int classEnd(String p, int i) {
        int n = p.length();
        int j = i + 1;
        if (j < n && p.charAt(j) == '^') {
            j++;
        }
        if (j < n && p.charAt(j) == ']') {
            j++; // a ']' first in a class is itself
        }
        while (j < n) {
            char ch = p.charAt(j);
            if (ch == '\\') {
                j = escapeEnd(p, j);
            } else if (ch == '[' && j + 1 < n && p.charAt(j + 1) == ':') {
                int close = p.indexOf(":]", j + 2);
                j = close < 0 ? j + 1 : close + 2;
            } else if (ch == ']') {
                return j + 1;
            } else {
                j++;
            }
        }
        return n;
    }

    /** The index of the '}' closing a repetition {n}, {n,} or {n,m} opened at {@code i}, or -1 if it is a literal '{'. */
    private static int repeatEnd(String p, int i) {
        int n = p.length();
        int j = i + 1;
        int digits = 0;
        while (j < n && isDigit(p.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0) {
            return -1;
        }
        if (j < n && p.charAt(j) == ',') {
            j++;
            while (j < n && isDigit(p.charAt(j))) {
                j++;
            }
        }
        return j < n && p.charAt(j) == '}' ? j : -1;
    }

    /** How many copies {n}, {n,} or {n,m} makes: m, or n and a loop; at most a little past RE2/J's limit. */
    private static long count(String p, int open, int close) {
        String body = p.substring(open + 1, close);
        int comma = body.indexOf(',');
        String min = comma < 0 ? body : body.substring(0, comma);
        String max = comma < 0 ? min : body.substring(comma + 1);
        long copies = max.isEmpty() ? number(min) + 1 : Math.max(number(min), number(max));
        return Math.min(copies, MAX_COUNT);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static long number(String digits) {
        return digits.length() > 6 ? MAX_COUNT : Long.parseLong(digits);
    }
}

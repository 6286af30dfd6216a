package io.poxlog.viewer.model;

/**
 * Makes record text safe to put on a terminal: control characters and escape sequences become
 * visible placeholders ({@code ^[} for ESC, {@code ^A} for 0x01, {@code ^?} for DEL, {@code <9b>}
 * for C1 controls), so a log line can never move the cursor, recolour the screen or retitle the
 * window. Invisible formatting characters become placeholders too ({@code <202e>}): the bidi
 * overrides, embeddings, isolates and marks (U+202A..U+202E, U+2066..U+2069, U+200E, U+200F,
 * U+061C), which reorder what the terminal shows so that a line reads other than it is, and the
 * rest of Unicode's format characters (zero-width spaces and joiners, U+FEFF, the tag
 * characters), which hide text and which a terminal draws in a width of its own; as do the line
 * and paragraph separators U+2028 and U+2029, and halves of surrogate pairs standing alone.
 * Stateless and thread-safe.
 */
public final class Sanitizer {
    private Sanitizer() {
    }

    /** For one screen line: newlines and tabs become placeholders too ({@code ⏎}, a space). */
    public static String line(String s) {
        return clean(s, false);
    }

    /** For printed output that may span lines: keeps newlines and tabs, replaces every other control. */
    public static String text(String s) {
        return clean(s, true);
    }

    private static String clean(String s, boolean keepLines) {
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s, i)) {
            i += Character.isHighSurrogate(s.charAt(i)) ? 2 : 1; // a safe high surrogate has its pair
        }
        if (i == n) {
            return s; // the common case: nothing to replace, nothing allocated
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        while (i < n) {
            char c = s.charAt(i);
            if (!unsafe(s, i)) {
                sb.append(c);
                if (Character.isHighSurrogate(c)) {
                    sb.append(s.charAt(i + 1)); // a whole pair, safe: unsafe() looked at both
                    i++;
                }
            } else if (c == '\n') {
                sb.append(keepLines ? "\n" : " \u23ce ");
            } else if (c == '\t') {
                sb.append(keepLines ? "\t" : " ");
            } else if (c < 0x20) {
                sb.append('^').append((char) (c + 64));
            } else if (c == 0x7f) {
                sb.append("^?");
            } else {
                int cp = s.codePointAt(i);
                sb.append('<').append(Integer.toHexString(cp)).append('>');
                i += Character.charCount(cp) - 1;
            }
            i++;
        }
        return sb.toString();
    }

    /** Whether the character at {@code i} (with its pair, for a high surrogate) must not reach a terminal. */
    private static boolean unsafe(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
            return true;
        }
        if (c < 0xad) {
            return false; // printable ASCII and most of Latin-1: the fast path
        }
        if (Character.isSurrogate(c)) {
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                return invisible(Character.toCodePoint(c, s.charAt(i + 1)));
            }
            return true; // half a pair: no character at all
        }
        return invisible(c);
    }

    private static boolean invisible(int cp) {
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}

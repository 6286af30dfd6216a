package io.poxlog.viewer.model;

/**
 * Makes record text safe to put on a terminal: control characters and escape sequences become
 * visible placeholders ({@code ^[} for ESC, {@code ^A} for 0x01, {@code ^?} for DEL, {@code <9b>}
 * for C1 controls), so a log line can never move the cursor, recolour the screen or retitle the
 * window. Stateless and thread-safe.
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
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s; // the common case: nothing to replace, nothing allocated
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!isControl(c)) {
                sb.append(c);
            } else if (c == '\n') {
                sb.append(keepLines ? "\n" : " \u23ce ");
            } else if (c == '\t') {
                sb.append(keepLines ? "\t" : " ");
            } else if (c < 0x20) {
                sb.append('^').append((char) (c + 64));
            } else if (c == 0x7f) {
                sb.append("^?");
            } else {
                sb.append('<').append(Integer.toHexString(c)).append('>');
            }
        }
        return sb.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f);
    }
}

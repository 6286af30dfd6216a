package io.poxlog.launcher;

/**
 * Makes a console line safe for the operator's terminal. Records reach the controller's console
 * from the network (a client may inject one, or name a logger), so a control character in them
 * could retitle the window, clear the screen, write the clipboard (OSC 52) or make the terminal
 * answer into the controller's input. Every C0 control but newline and tab, DEL, every C1 control
 * and the bidirectional overrides become visible placeholders ({@code ^[}, {@code ^?},
 * {@code <9b>}, {@code <U+202E>}). Stateless and thread-safe.
 */
final class ConsoleText {
    private ConsoleText() {
    }

    static String sanitize(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return s; // the common case: nothing to replace, nothing allocated
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c < 0x20) {
                sb.append('^').append((char) (c + 64));
            } else if (c == 0x7f) {
                sb.append("^?");
            } else if (c <= 0x9f) {
                sb.append('<').append(Integer.toHexString(c)).append('>');
            } else {
                sb.append("<U+").append(Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT)).append('>');
            }
        }
        return sb.toString();
    }

    private static boolean unsafe(char c) {
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        return (c >= 0x7f && c <= 0x9f) || bidiControl(c);
    }

    /** Embeddings, overrides and isolates: they reorder what follows them on the line. */
    private static boolean bidiControl(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}

package io.poxlog.launcher;

import java.util.Locale;

/**
 * Makes a console line safe for the operator's terminal. Records reach the controller's console
 * from the network (a client may inject one, or name a logger), so a control character in them
 * could retitle the window, clear the screen, write the clipboard (OSC 52) or make the terminal
 * answer into the controller's input. Every C0 control but newline and tab, DEL and every C1
 * control become visible placeholders ({@code ^[}, {@code ^?}, {@code <9b>}); so do Unicode's
 * invisible format characters, among them the bidi overrides, isolates and marks that make a line
 * read other than it is and the zero-width ones that hide text, the line and paragraph separators,
 * and halves of surrogate pairs standing alone ({@code <U+202E>}, {@code <U+200B>}). The same
 * characters as the viewer's sanitizer, in the console's own notation. Stateless and thread-safe.
 */
final class ConsoleText {
    private ConsoleText() {
    }

    static String sanitize(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && !unsafe(s, i)) {
            i += Character.charCount(s.codePointAt(i));
        }
        if (i == n) {
            return s; // the common case: nothing to replace, nothing allocated
        }
        StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            if (!unsafe(s, i)) {
                sb.appendCodePoint(cp);
            } else if (cp < 0x20) {
                sb.append('^').append((char) (cp + 64));
            } else if (cp == 0x7f) {
                sb.append("^?");
            } else if (cp <= 0x9f) {
                sb.append('<').append(Integer.toHexString(cp)).append('>');
            } else {
                sb.append("<U+").append(Integer.toHexString(cp).toUpperCase(Locale.ROOT)).append('>');
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    /** Whether the character at {@code i} (a whole pair, when there is one) must not reach a terminal. */
    private static boolean unsafe(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x20) {
            return c != '\n' && c != '\t';
        }
        if (c < 0x7f) {
            return false; // printable ASCII: the fast path
        }
        if (c <= 0x9f) {
            return true;
        }
        int cp = s.codePointAt(i);
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE; // codePointAt gives a lone half as itself
    }
}

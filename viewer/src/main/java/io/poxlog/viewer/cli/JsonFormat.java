package io.poxlog.viewer.cli;

import io.poxlog.viewer.model.JsonLines;
import io.poxlog.viewer.model.LogEntry;

/**
 * How {@code --json} writes a record: as received, one JSON object a line, plus {@code source}
 * when following several controllers. JSON already escapes C0 controls in strings; on a terminal
 * the characters it leaves raw that a terminal would act on or hide text with (C1 controls such
 * as CSI U+009B, DEL, Unicode's format characters and separators, lone surrogates) are written as
 * {@code \}{@code uXXXX} escapes too: the same JSON, harmless to show. Immutable; thread-safe.
 */
final class JsonFormat implements RecordFormat {
    private final boolean showSource;
    private final boolean sanitize;

    JsonFormat(boolean showSource, boolean sanitize) {
        this.showSource = showSource;
        this.sanitize = sanitize;
    }

    @Override
    public String format(LogEntry e) {
        String json = JsonLines.of(e, showSource);
        return sanitize ? escapeUnsafe(json) : json;
    }

    /** {@code json} with every character a terminal must not be given raw as a JSON escape. */
    static String escapeUnsafe(String json) {
        StringBuilder sb = null;
        int n = json.length();
        for (int i = 0; i < n; i++) {
            char c = json.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1));
            int cp = pair ? Character.toCodePoint(c, json.charAt(i + 1)) : c;
            if (unsafe(cp)) {
                if (sb == null) {
                    sb = new StringBuilder(n + 16).append(json, 0, i);
                }
                for (char x : Character.toChars(cp)) {
                    sb.append(String.format("\\u%04x", (int) x));
                }
            } else if (sb != null) {
                sb.appendCodePoint(cp);
            }
            if (pair) {
                i++;
            }
        }
        return sb == null ? json : sb.toString();
    }

    private static boolean unsafe(int cp) {
        if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) {
            return true;
        }
        if (cp < 0xad) {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.SURROGATE;
    }
}

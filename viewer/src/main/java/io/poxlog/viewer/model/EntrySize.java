package io.poxlog.viewer.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The heap a {@link LogEntry} takes, counted from what it holds rather than measured: the store
 * needs it for every record as it arrives, so it must be cheap (one pass over the strings, to
 * see whether Java keeps them at one byte a character or two) and honest (a 2 MB record is
 * counted as the 2 MB of bytes plus the message decoded from them, not as one object). Sizes
 * are those of a 64-bit JVM with compressed pointers; the strings a source shares between its
 * records (its name) are not counted. Stateless and thread-safe.
 */
final class EntrySize {
    /** The entry, the store's wrapper around it and its slots in the store's two rings. */
    static final long ENTRY = 72 + 24 + 8;
    private static final long ARRAY = 16;
    private static final long STRING = 24 + ARRAY;
    /** An ObjectNode and its LinkedHashMap, and each field's map entry. */
    private static final long OBJECT_NODE = 16 + 56;
    private static final long FIELD = 40;
    private static final long VALUE_NODE = 24;

    private EntrySize() {
    }

    static long of(String levelName, String logger, String message, byte[] bytes, JsonNode raw) {
        if (raw != null) {
            return ENTRY + string(levelName) + tree(raw); // the logger and message are the tree's strings
        }
        long n = ENTRY + string(levelName) + string(logger) + string(message);
        return bytes == null ? n : n + align(ARRAY + bytes.length);
    }

    static long string(String s) {
        if (s == null) {
            return 0;
        }
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (s.charAt(i) > 0xff) {
                return align(STRING + 2L * n); // kept as UTF-16
            }
        }
        return align(STRING + n); // kept as Latin-1, a byte a character
    }

    private static long tree(JsonNode node) {
        if (node.isObject()) {
            long n = OBJECT_NODE;
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                n += FIELD + string(f.getKey()) + tree(f.getValue());
            }
            return n;
        }
        if (node.isArray()) {
            long n = OBJECT_NODE;
            for (JsonNode v : node) {
                n += 8 + tree(v);
            }
            return n;
        }
        return VALUE_NODE + (node.isTextual() ? string(node.textValue()) : node.isBigDecimal() ? 40 : 0);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }
}

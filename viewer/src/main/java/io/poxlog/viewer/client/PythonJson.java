package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON the way Python's {@code json.dumps} does by default ({@code ", "} and {@code ": "}
 * separators, non-ASCII escaped), so that our tools print exactly what POX's print.
 * Optionally indented like {@code json.dumps(indent=n)}. Stateless and thread-safe.
 */
public final class PythonJson {
    private PythonJson() {
    }

    public static String dumps(JsonNode node) {
        return dumps(node, -1);
    }

    /** With {@code indent} < 0, one line; otherwise Python's indented form. */
    public static String dumps(JsonNode node, int indent) {
        StringBuilder sb = new StringBuilder();
        write(sb, node, indent, 0);
        return sb.toString();
    }

    private static void write(StringBuilder sb, JsonNode node, int indent, int depth) {
        if (node.isObject()) {
            if (node.isEmpty()) {
                sb.append("{}");
                return;
            }
            sb.append('{');
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            boolean first = true;
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                separator(sb, first, indent, depth + 1);
                first = false;
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), indent, depth + 1);
            }
            close(sb, indent, depth);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append('[');
            boolean first = true;
            for (JsonNode v : node) {
                separator(sb, first, indent, depth + 1);
                first = false;
                write(sb, v, indent, depth + 1);
            }
            close(sb, indent, depth);
            sb.append(']');
        } else if (node.isTextual()) {
            string(sb, node.asText());
        } else {
            sb.append(node.toString());
        }
    }

    private static void separator(StringBuilder sb, boolean first, int indent, int depth) {
        if (indent < 0) {
            if (!first) {
                sb.append(", ");
            }
            return;
        }
        if (!first) {
            sb.append(',');
        }
        sb.append('\n').append(" ".repeat(indent * depth));
    }

    private static void close(StringBuilder sb, int indent, int depth) {
        if (indent >= 0) {
            sb.append('\n').append(" ".repeat(indent * depth));
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}

package io.poxlog.viewer.tui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * The loggers of one controller as a tree: every name seen or reported, the parents their dotted
 * names imply, each with its levels and how many loggers are below it; and which are folded. Kept
 * between frames and built again only when the names or the levels change. UI thread only.
 */
final class LoggerTree {
    /** Dotted names in tree order: a logger's children come right after it ("a", "a.b", "a-c"). */
    static final Comparator<String> TREE_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return x == '.' ? -1 : y == '.' ? 1 : Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    /** One logger. */
    record Node(String name, int depth, String configured, String effective, int children, double until,
            String revertTo) {
        Node(String name, int depth, String configured, String effective, int children) {
            this(name, depth, configured, effective, children, Double.NaN, null);
        }

        /** Whether its level is timed: it goes back to {@link #revertTo} ({@code -}: inherits) at {@link #until}. */
        boolean timed() {
            return !Double.isNaN(until);
        }

        /** Indented, with ▸ or ▾ for one with children, and how many a folded one hides. */
        String label(boolean folded) {
            String last = name.isEmpty() ? "(root)" : name.substring(name.lastIndexOf('.') + 1);
            String mark = children == 0 ? "  " : folded ? "\u25b8 " : "\u25be ";
            return "  ".repeat(Math.max(0, depth - 1)) + mark + last + (folded ? " (" + children + ")" : "");
        }
    }

    private final Set<String> folded;
    private List<Node> nodes = List.of();
    private int builtFromNames = -1;
    private JsonNode builtFromLevels;

    /** @param folded the names folded; changed here, and kept by the caller */
    LoggerTree(Set<String> folded) {
        this.folded = folded;
    }

    /** Builds the tree again if the names seen or the levels reported changed. */
    void update(List<String> seen, JsonNode levels) {
        if (seen.size() == builtFromNames && levels == builtFromLevels) {
            return;
        }
        TreeMap<String, String> names = new TreeMap<>(TREE_ORDER);
        names.put("", "");
        List<String> all = new ArrayList<>(seen);
        if (levels != null) {
            levels.fieldNames().forEachRemaining(all::add);
        }
        for (String name : all) {
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                names.putIfAbsent(name.substring(0, dot), "");
            }
            names.putIfAbsent(name, "");
        }
        List<String> sorted = new ArrayList<>(names.keySet());
        List<Node> out = new ArrayList<>(sorted.size());
        for (int i = 0; i < sorted.size(); i++) {
            String name = sorted.get(i);
            int below = 0;
            while (i + 1 + below < sorted.size() && isBelow(sorted.get(i + 1 + below), name)) {
                below++;
            }
            out.add(node(name, below, levels));
        }
        nodes = out;
        builtFromNames = seen.size();
        builtFromLevels = levels;
    }

    private static Node node(String name, int children, JsonNode known) {
        int depth = name.isEmpty() ? 0 : 1 + (int) name.chars().filter(c -> c == '.').count();
        JsonNode n = known == null ? null : known.get(name);
        if (n == null) {
            return new Node(name, depth, "?", "?", children);
        }
        JsonNode c = n.get("configured");
        JsonNode until = n.get("until");
        JsonNode revertTo = n.path("revert_to");
        return new Node(name, depth, c == null || c.isNull() ? "-" : c.asText(), n.path("effective").asText("?"), children,
                until != null && until.isNumber() ? until.asDouble() : Double.NaN, revertTo.isTextual() ? revertTo.asText() : "-");
    }

    /** Whether {@code name} is a descendant of {@code parent} (everything is below the root ""). */
    static boolean isBelow(String name, String parent) {
        return parent.isEmpty() ? !name.isEmpty() : name.length() > parent.length() + 1 && name.startsWith(parent)
                && name.charAt(parent.length()) == '.';
    }

    static String parent(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** Every logger, folded or not, in tree order. */
    List<String> names() {
        return nodes.stream().map(Node::name).toList();
    }

    int size() {
        return nodes.size();
    }

    /** The rows to show: every logger but those below a folded one. */
    List<Node> visible() {
        List<Node> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            out.add(n);
            if (n.children() > 0 && folded.contains(n.name())) {
                i += n.children();
            }
        }
        return out;
    }

    boolean folded(String name) {
        return folded.contains(name);
    }

    void toggle(String name) {
        if (!folded.remove(name)) {
            folded.add(name);
        }
    }

    /** Unfolds every logger above {@code name}, so that it is shown. */
    void reveal(String name) {
        for (String p = name; !p.isEmpty(); ) {
            p = parent(p);
            folded.remove(p);
        }
    }
}

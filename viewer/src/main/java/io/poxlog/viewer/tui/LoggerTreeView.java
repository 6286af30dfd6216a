package io.poxlog.viewer.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.Sanitizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The logger tree of one controller: every logger it reports ({@code get_levels}) and every
 * logger seen in records, with configured and effective levels; one key changes the selected
 * logger's level. Against a controller without {@code get_levels} (plain POX) it lists the
 * loggers seen, levels unknown, and can still set them.
 *
 * <p>UI thread only; the levels arrive on a subscriber thread through a future, read when drawn.
 */
final class LoggerTreeView implements Overlay {
    private static final Map<Character, String> LEVEL_KEYS = Map.of(
            't', "TRACE", 'd', "DEBUG", 'i', "INFO", 'w', "WARNING", 'e', "ERROR", 'c', "CRITICAL", 'x', Levels.NOTSET);
    private static final long LEVELS_TIMEOUT_MS = 3000;

    private final ControllerSet controllers;
    private final Consumer<String> say;
    private final PageScroller scroller = new PageScroller(true);
    private int sourceIndex;
    private CompletableFuture<JsonNode> levels;

    /** @param say shows a line on the message line */
    LoggerTreeView(ControllerSet controllers, String source, Consumer<String> say) {
        this.controllers = controllers;
        this.say = say;
        this.sourceIndex = Math.max(0, controllers.sources().indexOf(source));
        refresh();
    }

    private String source() {
        return controllers.sources().get(sourceIndex);
    }

    private void refresh() {
        levels = controllers.levels(source()).orTimeout(LEVELS_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** One row of the tree. */
    record Node(String name, int depth, String configured, String effective) {
        String label() {
            if (name.isEmpty()) {
                return "(root)";
            }
            return "  ".repeat(depth) + name.substring(name.lastIndexOf('.') + 1);
        }
    }

    /** The rows: loggers in name order, with the parents their dotted names imply. */
    List<Node> nodes() {
        JsonNode known = levels.isDone() && !levels.isCompletedExceptionally() ? levels.getNow(null) : null;
        Map<String, Node> byName = new TreeMap<>();
        byName.put("", node("", known));
        List<String> names = new ArrayList<>(controllers.store().loggersSeen());
        if (known != null) {
            known.fieldNames().forEachRemaining(names::add);
        }
        for (String name : names) {
            for (int dot = name.indexOf('.'); dot > 0; dot = name.indexOf('.', dot + 1)) {
                byName.computeIfAbsent(name.substring(0, dot), n -> node(n, known));
            }
            byName.computeIfAbsent(name, n -> node(n, known));
        }
        return new ArrayList<>(byName.values());
    }

    private static Node node(String name, JsonNode known) {
        int depth = name.isEmpty() ? 0 : 1 + (int) name.chars().filter(c -> c == '.').count();
        JsonNode n = known == null ? null : known.get(name);
        if (n == null) {
            return new Node(name, depth, "?", "?");
        }
        JsonNode c = n.get("configured");
        return new Node(name, depth, c == null || c.isNull() ? "-" : c.asText(), n.path("effective").asText("?"));
    }

    @Override
    public boolean key(KeyStroke k) {
        List<Node> nodes = nodes();
        if (scroller.key(k, nodes.size())) {
            return true;
        }
        KeyType t = k.getKeyType();
        if (t == KeyType.Escape || t == KeyType.Character && (k.getCharacter() == 'q' || k.getCharacter() == 'L')) {
            return false;
        }
        if (t == KeyType.Tab) {
            sourceIndex = (sourceIndex + 1) % controllers.sources().size();
            refresh();
        } else if (t == KeyType.Character && k.getCharacter() == 'r') {
            refresh();
        } else if (t == KeyType.Delete || t == KeyType.Backspace) {
            set(nodes, Levels.NOTSET);
        } else if (t == KeyType.Character && LEVEL_KEYS.containsKey(k.getCharacter())) {
            set(nodes, LEVEL_KEYS.get(k.getCharacter()));
        }
        return true;
    }

    private void set(List<Node> nodes, String level) {
        if (nodes.isEmpty()) {
            return;
        }
        Node n = nodes.get(Math.min(scroller.selected(), nodes.size() - 1));
        int sent;
        try {
            sent = controllers.setLevel(source(), n.name(), level);
        } catch (IllegalArgumentException e) {
            say.accept(e.getMessage());
            return;
        }
        String what = Levels.describe(n.name(), level);
        if (sent == 0) {
            say.accept("not set: " + source() + " is not connected");
        } else {
            say.accept("set " + Sanitizer.line(what) + " on " + source());
            refresh();
        }
    }

    @Override
    public void draw(TextGraphics g, int top, int rows, int width) {
        List<Node> nodes = nodes();
        String state;
        if (!levels.isDone()) {
            state = "asking for levels...";
        } else if (levels.isCompletedExceptionally()) {
            state = "levels unknown (" + failure() + "); loggers seen in records";
        } else {
            state = nodes.size() + " loggers";
        }
        new RowPainter(g, top, width, false)
                .text("Loggers of " + source() + "   " + state, Palette.TITLE).finish();
        RowPainter header = new RowPainter(g, top + 1, width, false);
        int nameWidth = Math.max(20, Math.min(60, width - 24));
        header.cell("logger", nameWidth, Palette.DIM, false).cell("configured", 12, Palette.DIM, false)
                .text("effective", Palette.DIM).finish();
        int listRows = Math.max(1, rows - 2);
        scroller.layout(listRows, nodes.size());
        for (int r = 0; r < listRows; r++) {
            int i = scroller.top() + r;
            RowPainter p = new RowPainter(g, top + 2 + r, width, i == scroller.selected() && i < nodes.size());
            if (i < nodes.size()) {
                Node n = nodes.get(i);
                p.cell(Sanitizer.line(n.label()), nameWidth, Palette.DEFAULT, false)
                        .cell(n.configured(), 12, n.configured().equals("-") ? Palette.DIM : Palette.DEFAULT, false)
                        .text(n.effective(), Palette.DEFAULT);
            }
            p.finish();
        }
    }

    /** Why the levels did not come, in the words of whoever failed them. */
    private String failure() {
        try {
            levels.join();
            return "";
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            if (c instanceof java.util.concurrent.TimeoutException && c.getMessage() == null) {
                return "no answer within " + LEVELS_TIMEOUT_MS / 1000 + " s";
            }
            return c.getMessage() == null ? c.toString() : c.getMessage();
        }
    }

    @Override
    public String hint() {
        return "loggers   t d i w e c: TRACE..CRITICAL   x: default   r: refresh"
                + (controllers.several() ? "   Tab: next controller" : "") + "   Esc close";
    }
}

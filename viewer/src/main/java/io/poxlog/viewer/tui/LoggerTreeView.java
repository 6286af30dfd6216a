package io.poxlog.viewer.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import io.poxlog.viewer.model.LevelDurations;
import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.Scan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The logger tree of one controller: every logger it reports ({@code get_levels}) and every
 * logger seen in records, with configured and effective levels; one key changes the selected
 * logger's level, and {@code f} asks for a duration first, for a timed change (PROTOCOL.md §5.4). Against a controller without {@code get_levels} (plain POX) it lists the
 * loggers seen, levels unknown, and can still set them.
 *
 * <p>A logger with children folds and unfolds (space, Enter, ← →); the messenger's and Netty's
 * own loggers start folded ({@link #FOLDED_AT_FIRST}), as they are many and rarely what one looks
 * for. {@code /} finds a logger by a regex on its whole name, unfolding what hides it; {@code n}
 * finds the next. Folds are kept between openings.
 *
 * <p>UI thread only; the levels arrive on a subscriber thread through a future, read when drawn.
 */
final class LoggerTreeView implements Overlay {
    /** The loggers folded until the user unfolds them. */
    static final Set<String> FOLDED_AT_FIRST = Set.of("messenger", "io.netty");
    private static final Map<Character, String> LEVEL_KEYS = Map.of(
            't', "TRACE", 'd', "DEBUG", 'i', "INFO", 'w', "WARNING", 'e', "ERROR", 'c', "CRITICAL", 'x', Levels.NOTSET);
    private static final long LEVELS_TIMEOUT_MS = 3000;
    /** Time a search of the names may take on the UI thread: a regex can take any time. */
    private static final long FIND_NANOS = 100_000_000L;

    private final ControllerSet controllers;
    private final MessageLine messages;
    private final LoggerTree tree;
    private final PageScroller scroller = new PageScroller(true);
    private final Prompt findPrompt = new Prompt("/");
    /** {@code f}: how long the next level key's change lasts. */
    private final TimedChange timed;
    private boolean finding;
    private Pattern find;
    private int sourceIndex;
    private CompletableFuture<JsonNode> levels;
    /**
     * The logger selected, by name: the rows change under the selection (levels asked again, a
     * logger seen for the first time, a row list cut short while levels are on their way), and a
     * key must act on the logger the user chose, not on whatever came to its row.
     */
    private String selectedName;

    /** @param folds the loggers folded, kept by the caller between openings */
    LoggerTreeView(ControllerSet controllers, String source, Set<String> folds, MessageLine messages) {
        this.controllers = controllers;
        this.messages = messages;
        this.timed = new TimedChange(messages);
        this.tree = new LoggerTree(folds);
        this.sourceIndex = Math.max(0, controllers.sources().indexOf(source));
        refresh();
    }

    private String source() {
        return controllers.sources().get(sourceIndex);
    }

    private void refresh() {
        levels = controllers.levels(source()).orTimeout(LEVELS_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** The rows shown, folded loggers' children left out. */
    List<LoggerTree.Node> rows() {
        JsonNode known = levels.isDone() && !levels.isCompletedExceptionally() ? levels.getNow(null) : null;
        tree.update(controllers.store().loggersSeen(), known);
        List<LoggerTree.Node> rows = tree.visible();
        int i = scroller.selected();
        if (selectedName != null && (i >= rows.size() || !rows.get(i).name().equals(selectedName))) {
            for (int j = 0; j < rows.size(); j++) {
                if (rows.get(j).name().equals(selectedName)) {
                    scroller.select(j);
                    break;
                }
            }
        }
        return rows;
    }

    /** The user moved the selection: it follows that logger from now on. */
    private void remember(List<LoggerTree.Node> rows) {
        int i = scroller.selected();
        selectedName = i < rows.size() ? rows.get(i).name() : null;
    }

    @Override
    public boolean key(KeyStroke k) {
        if (finding) {
            findKey(k);
            return true;
        }
        List<LoggerTree.Node> rows = rows();
        if (timed.active()) {
            long seconds = timed.key(k, levelKey(k) != null);
            if (seconds > 0 && !rows.isEmpty()) {
                set(rows.get(Math.min(scroller.selected(), rows.size() - 1)), levelKey(k), seconds);
            }
            return true;
        }
        if (!isSpace(k) && scroller.key(k, rows.size())) {
            remember(rows);
            return true;
        }
        KeyType t = k.getKeyType();
        Character c = t == KeyType.Character ? k.getCharacter() : null;
        LoggerTree.Node selected = rows.isEmpty() ? null : rows.get(Math.min(scroller.selected(), rows.size() - 1));
        if (t == KeyType.Escape || c != null && (c == 'q' || c == 'L')) {
            return false;
        }
        if (isSpace(k) || t == KeyType.Enter) {
            if (selected != null && selected.children() > 0) {
                tree.toggle(selected.name());
                keepSelected(selected.name());
            }
        } else if (t == KeyType.ArrowLeft) {
            if (selected != null && selected.children() > 0 && !tree.folded(selected.name())) {
                tree.toggle(selected.name());
            } else if (selected != null) {
                keepSelected(LoggerTree.parent(selected.name()));
            }
        } else if (t == KeyType.ArrowRight) {
            if (selected != null && tree.folded(selected.name())) {
                tree.toggle(selected.name());
            }
        } else if (t == KeyType.Tab) {
            sourceIndex = (sourceIndex + 1) % controllers.sources().size();
            refresh();
        } else if (c != null && c == '/') {
            finding = true;
            findPrompt.open();
        } else if (c != null && c == 'n') {
            findNext(selected, false);
        } else if (c != null && c == 'r') {
            refresh();
        } else if (c != null && c == 'f') {
            if (selected != null) {
                timed.start();
            }
        } else if (levelKey(k) != null) {
            set(selected, levelKey(k), 0);
        }
        return true;
    }

    /** The level a key sets ({@code t d i w e c}, {@code x} or Delete: inherit), or null. */
    private static String levelKey(KeyStroke k) {
        KeyType t = k.getKeyType();
        if (t == KeyType.Delete || t == KeyType.Backspace) {
            return Levels.NOTSET;
        }
        return t == KeyType.Character ? LEVEL_KEYS.get(k.getCharacter()) : null;
    }

    private static boolean isSpace(KeyStroke k) {
        return k.getKeyType() == KeyType.Character && k.getCharacter() == ' ';
    }

    private void findKey(KeyStroke k) {
        Prompt.Outcome o = findPrompt.key(k);
        if (o == Prompt.Outcome.EDITING) {
            return;
        }
        finding = false;
        if (o == Prompt.Outcome.SUBMITTED) {
            try {
                find = Commands.regex(findPrompt.text());
            } catch (Commands.CommandException e) {
                messages.complain(e.getMessage());
                return;
            }
            List<LoggerTree.Node> rows = rows();
            findNext(rows.isEmpty() ? null : rows.get(Math.min(scroller.selected(), rows.size() - 1)), true);
        }
    }

    /** Selects the next logger (from the selected one itself when {@code here}) whose name matches. */
    private void findNext(LoggerTree.Node selected, boolean here) {
        if (find == null) {
            messages.complain("no search yet: / to find a logger");
            return;
        }
        long deadline = System.nanoTime() + FIND_NANOS;
        List<String> names = tree.names();
        int at = selected == null ? 0 : Math.max(0, names.indexOf(selected.name()));
        for (int k = here ? 0 : 1; k <= names.size(); k++) {
            String name = names.get((at + k) % names.size());
            boolean match;
            try {
                match = Scan.find(find, name, () -> System.nanoTime() > deadline);
            } catch (Scan.Cancelled | StackOverflowError tooSlow) {
                messages.complain("the regex " + io.poxlog.viewer.model.Filter.describe(find) + " is too slow for logger names");
                return;
            }
            if (match) {
                tree.reveal(name);
                keepSelected(name);
                return;
            }
        }
        messages.complain("no logger matches " + io.poxlog.viewer.model.Filter.describe(find));
    }

    /** Selects the row of logger {@code name}, wherever folding moved it. */
    private void keepSelected(String name) {
        List<LoggerTree.Node> rows = rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).name().equals(name)) {
                scroller.select(i);
                selectedName = name;
                return;
            }
        }
    }

    /** Sets the logger's level on this controller (for {@code forSeconds} when above 0); says how it went. */
    private void set(LoggerTree.Node n, String level, long forSeconds) {
        if (n == null) {
            return;
        }
        LevelReport report;
        try {
            report = controllers.changeLevel(source(), n.name(), level, forSeconds, false);
        } catch (IllegalArgumentException e) {
            messages.say(e.getMessage());
            return;
        }
        String what = Levels.describe(n.name(), level) + (forSeconds > 0 ? " for " + LevelDurations.left(forSeconds) : "");
        if (report.sent() == 0) {
            messages.complain("not set: " + (report.lines().isEmpty() ? source() + " is not followed" : report.lines().get(0).text()));
        } else {
            messages.say("set " + what + " on " + source(), report);
            refresh();
        }
    }

    @Override
    public void draw(TextGraphics g, int top, int rows, int width) {
        List<LoggerTree.Node> nodes = rows();
        String state;
        if (!levels.isDone()) {
            state = "asking for levels...";
        } else if (levels.isCompletedExceptionally()) {
            state = "levels unknown (" + failure() + "); loggers seen in records";
        } else {
            state = tree.size() + " loggers";
        }
        new RowPainter(g, top, width, false)
                .text("Loggers of " + source() + "   " + state, Palette.TITLE).finish();
        RowPainter header = new RowPainter(g, top + 1, width, false);
        // Room for the countdown too ("4m59s left, then INFO"): at 80 columns names get 32.
        int nameWidth = Math.max(20, Math.min(60, width - 24 - 24));
        header.cell("logger", nameWidth, Palette.DIM, false).cell("configured", 12, Palette.DIM, false)
                .cell("effective", 12, Palette.DIM, false).text("timed", Palette.DIM).finish();
        double now = System.currentTimeMillis() / 1000.0;
        int listRows = Math.max(1, rows - 2);
        scroller.layout(listRows, nodes.size());
        for (int r = 0; r < listRows; r++) {
            int i = scroller.top() + r;
            RowPainter p = new RowPainter(g, top + 2 + r, width, i == scroller.selected() && i < nodes.size());
            if (i < nodes.size()) {
                LoggerTree.Node n = nodes.get(i);
                p.cell(n.label(tree.folded(n.name())), nameWidth, Palette.DEFAULT, false)
                        .cell(n.configured(), 12, n.configured().equals("-") ? Palette.DIM : Palette.DEFAULT, false)
                        .cell(n.effective(), 12, Palette.DEFAULT, false)
                        // The countdown is redrawn with every frame (at least each second, with the rate).
                        .text(n.timed() ? LevelDurations.left(n.until(), now) + " left, then " + n.revertTo() : "",
                                Palette.DEFAULT);
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
    public Prompt prompt() {
        return finding ? findPrompt : timed.prompt();
    }

    @Override
    public String hint(int width) {
        if (timed.hint() != null) {
            return timed.hint();
        }
        List<LoggerTree.Node> rows = rows();
        LoggerTree.Node selected = rows.isEmpty() ? null : rows.get(Math.min(scroller.selected(), rows.size() - 1));
        String space = selected == null || selected.children() == 0 ? null
                : tree.folded(selected.name()) ? "space unfold" : "space fold";
        List<String> items = new ArrayList<>(List.of("loggers", "t d i w e c: TRACE..CRITICAL", "x: default", "f: for a time"));
        if (space != null) {
            items.add(space);
        }
        items.add("/ find");
        items.add("r: refresh");
        if (controllers.several()) {
            items.add("Tab: next controller");
        }
        items.add("Esc close");
        return Hints.fit(width, items, List.of("r: refresh", "x: default", "Tab: next controller", "/ find", "f: for a time"));
    }
}

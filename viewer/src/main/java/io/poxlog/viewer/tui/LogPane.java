package io.poxlog.viewer.tui;

import com.googlecode.lanterna.graphics.TextGraphics;
import io.poxlog.viewer.model.FilterProgress;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The scrolling list of records: which record is selected, whether the pane follows new records,
 * horizontal scroll and wrapping, and drawing the visible part of the store.
 *
 * <p>Following, the newest record is selected and sits at the bottom. Any move up pauses; moving
 * back down to the newest record follows again. Paused, the pane holds on to the selected record
 * itself, not its index, so records arriving, being dropped from the buffer or filtered away
 * never make the screen jump.
 *
 * <p>UI thread only.
 */
final class LogPane {
    private static final int HSCROLL_STEP = 8;
    /** Time a frame may spend highlighting search matches: a slow regex must not freeze keys. */
    private static final long HIGHLIGHT_NANOS = 20_000_000L;

    private final RecordStore store;
    private boolean follow = true;
    private LogEntry anchor;
    private int hint;
    /** The row the selected record was drawn at, kept while moving so the page does not jump. */
    private int selectedRow = Integer.MAX_VALUE;
    private int pageRows = 20;
    private int hscroll;
    private boolean wrap;
    private long receivedWhenPaused;
    private Pattern search;
    /** A search whose highlighting took too long once: it is no longer highlighted. */
    private Pattern tooSlowToHighlight;
    private long highlightDeadline;

    LogPane(RecordStore store) {
        this.store = store;
    }

    boolean following() {
        return follow;
    }

    boolean wrapping() {
        return wrap;
    }

    /** Records received since the pane paused (0 when following). */
    long newSincePause() {
        return follow ? 0 : store.received() - receivedWhenPaused;
    }

    Pattern search() {
        return search;
    }

    void search(Pattern p) {
        search = p;
    }

    /** The selected record's index among the shown ones, or -1 when nothing is shown. */
    int selectedIndex() {
        int n = store.viewSize();
        if (n == 0) {
            return -1;
        }
        if (follow || anchor == null) {
            return n - 1;
        }
        hint = store.locate(anchor, hint);
        return hint;
    }

    LogEntry selected() {
        return store.viewGet(selectedIndex());
    }

    /** Selects the shown record at {@code index}; following again when it is the newest. */
    void select(int index) {
        int n = store.viewSize();
        if (n == 0) {
            return;
        }
        int i = Math.max(0, Math.min(n - 1, index));
        if (i == n - 1) {
            follow();
        } else {
            pauseAt(i);
        }
    }

    /** Selects {@code e}, or where it was when it is no longer shown. */
    void selectEntry(LogEntry e) {
        select(store.locate(e, hint));
    }

    /** Stops following, holding on to the shown record at {@code i}. */
    private void pauseAt(int i) {
        if (follow) {
            receivedWhenPaused = store.received();
        }
        follow = false;
        anchor = store.viewGet(i);
        hint = i;
    }

    void follow() {
        follow = true;
        anchor = null;
        selectedRow = Integer.MAX_VALUE;
    }

    void togglePause() {
        if (follow) {
            int i = selectedIndex();
            if (i >= 0) {
                pauseAt(i);
            }
        } else {
            follow();
        }
    }

    void up(int n) {
        int i = selectedIndex();
        if (i >= 0) {
            selectedRow -= n;
            select(i - n);
        }
    }

    void down(int n) {
        int i = selectedIndex();
        if (i >= 0) {
            selectedRow += n;
            select(i + n);
        }
    }

    void pageUp() {
        int i = selectedIndex();
        if (i >= 0) {
            select(i - Math.max(1, pageRows - 1));
        }
    }

    void pageDown() {
        int i = selectedIndex();
        if (i >= 0) {
            select(i + Math.max(1, pageRows - 1));
        }
    }

    void home() {
        selectedRow = 0;
        select(0);
    }

    void left() {
        hscroll = Math.max(0, hscroll - HSCROLL_STEP);
    }

    void right() {
        if (!wrap) {
            hscroll += HSCROLL_STEP;
        }
    }

    void toggleWrap() {
        wrap = !wrap;
        hscroll = 0;
    }

    int horizontalOffset() {
        return hscroll;
    }

    /** What an empty pane says: why it is empty. */
    private String emptyText(List<String> sources) {
        FilterProgress p = store.filterProgress();
        if (p != null && !store.filterApplied()) {
            return "filtering: " + StatusBars.count(p.checked()) + " of " + StatusBars.count(p.total())
                    + " records checked";
        }
        if (store.size() > 0) {
            return "no record held matches the filter (" + store.filter().describe() + ")";
        }
        return "waiting for records from " + String.join(", ", sources);
    }

    /** Draws the pane into rows {@code top} .. {@code top + rows - 1}; {@code sources} are the controllers followed. */
    void draw(TextGraphics g, int top, int rows, Columns cols, List<String> sources) {
        pageRows = rows;
        highlightDeadline = System.nanoTime() + HIGHLIGHT_NANOS;
        int sel = selectedIndex();
        LogEntry selEntry = store.viewGet(sel);
        if (selEntry == null) {
            String emptyText = emptyText(sources);
            for (int r = 0; r < rows; r++) {
                RowPainter p = new RowPainter(g, top + r, cols.width, false);
                if (r == rows / 2) {
                    p.text(" ".repeat(Math.max(0, (cols.width - emptyText.length()) / 2)), Palette.DEFAULT)
                            .text(emptyText, Palette.DIM);
                }
                p.finish();
            }
            return;
        }
        // What lies above the selection, newest first, until the selection's row is reached.
        List<String> sr = rowsOf(selEntry, cols);
        if (sr.size() > rows) { // taller than the pane: what fits, and how much does not
            List<String> cut = new ArrayList<>(sr.subList(0, Math.max(0, rows - 1)));
            cut.add(String.format(Locale.ROOT, "\u2026 [%,d more rows: Enter shows the whole record]", sr.size() - rows + 1));
            sr = cut;
        }
        int selHeight = Math.min(rows, sr.size());
        int wantAbove = follow ? rows - selHeight : Math.max(0, Math.min(selectedRow, rows - selHeight));
        List<LogEntry> before = store.viewRange(Math.max(0, sel - wantAbove), sel);
        List<LogEntry> above = new ArrayList<>();
        List<List<String>> aboveRows = new ArrayList<>();
        int used = 0;
        for (int i = before.size() - 1; i >= 0 && used < wantAbove; i--) {
            List<String> r = rowsOf(before.get(i), cols);
            above.add(0, before.get(i));
            aboveRows.add(0, r);
            used += r.size();
        }
        selectedRow = Math.min(used, wantAbove);
        // Draw from the top: the part of the entries above that fits, the selection, then below.
        int row = 0;
        int skip = used - selectedRow; // rows of the topmost entry cut off at the top
        for (int k = 0; k < above.size(); k++) {
            List<String> r = aboveRows.get(k);
            for (int line = 0; line < r.size(); line++) {
                if (skip > 0) {
                    skip--;
                    continue;
                }
                drawRow(g, top + row++, above.get(k), r.get(line), cols, false, line == 0);
            }
        }
        for (int line = 0; line < selHeight; line++) {
            drawRow(g, top + row++, selEntry, sr.get(line), cols, true, line == 0);
        }
        for (LogEntry e : store.viewRange(sel + 1, sel + 1 + rows - row)) {
            List<String> r = rowsOf(e, cols);
            for (int line = 0; line < r.size() && row < rows; line++) {
                drawRow(g, top + row++, e, r.get(line), cols, false, line == 0);
            }
        }
        while (row < rows) {
            new RowPainter(g, top + row++, cols.width, false).finish();
        }
    }

    private List<String> rowsOf(LogEntry e, Columns cols) {
        return wrap ? cols.wrapped(e) : List.of(cols.oneLine(e, hscroll));
    }

    private void drawRow(TextGraphics g, int row, LogEntry e, String message, Columns cols, boolean selected,
                         boolean first) {
        RowPainter p = new RowPainter(g, row, cols.width, selected);
        if (e.isMarker()) { // the viewer's own row: across the columns, in its own colour
            if (first) {
                p.cell(cols.time(e), cols.timeWidth, Palette.DIM, false).text(" ", Palette.DEFAULT)
                        .text("\u2500\u2500 " + (cols.source > 0 ? e.source() + " " : ""), Palette.GAP);
            }
            p.text(message, Palette.GAP).finish();
            return;
        }
        if (first) {
            p.cell(cols.time(e), cols.timeWidth, Palette.DIM, false).text(" ", Palette.DEFAULT);
            if (cols.source > 0) {
                p.cell(cols.source(e), cols.source, Palette.DEFAULT, false).text(" ", Palette.DEFAULT);
            }
            p.cell(cols.level(e), cols.level, Palette.level(e.levelNo()), e.levelNo() >= 30)
                    .text(" ", Palette.DEFAULT)
                    .cell(cols.logger(e), cols.logger, Palette.DEFAULT, false)
                    .text(" ", Palette.DEFAULT);
        } else {
            p.text(" ".repeat(cols.messageColumn), Palette.DEFAULT);
        }
        Pattern highlight = search == tooSlowToHighlight ? null : search;
        if (!p.highlighted(message, e.isGapNotice() ? Palette.GAP : Palette.message(e.levelNo()), highlight,
                () -> System.nanoTime() > highlightDeadline)) {
            tooSlowToHighlight = search;
        }
        p.finish();
    }
}

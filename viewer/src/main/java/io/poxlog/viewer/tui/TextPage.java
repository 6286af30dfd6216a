package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;

/**
 * A page of text over the log, scrolled with the usual keys and closed with Esc, Enter, q or
 * another given key: the record details and the help. Lines wider than the screen wrap, their
 * continuations indented under their start, so nothing is cut at 80 columns. UI thread only.
 */
final class TextPage implements Overlay {
    /** A line laid out in two columns has its second within this many. */
    private static final int MAX_KEY_COLUMN = 30;

    private final List<String> lines;
    private final String name;
    private final String close;
    private final char closeKey;
    private final PageScroller scroller = new PageScroller(false);
    /** The lines wrapped for {@link #wrappedFor} columns, and which rows are titles. */
    private List<String> rows = List.of();
    private List<Boolean> titles = List.of();
    private int wrappedFor = -1;

    /**
     * @param lines already safe for the terminal; the first is the title
     * @param name what the hint line calls it ("help")
     * @param close the keys that close it, for the hint ("Esc/?/q")
     */
    TextPage(List<String> lines, String name, String close, char closeKey) {
        this.lines = List.copyOf(lines);
        this.name = name;
        this.close = close;
        this.closeKey = closeKey;
    }

    @Override
    public boolean key(KeyStroke k) {
        if (scroller.key(k, rows.size())) {
            return true;
        }
        KeyType t = k.getKeyType();
        return !(t == KeyType.Escape || t == KeyType.Enter || t == KeyType.Character
                && (k.getCharacter() == 'q' || k.getCharacter() == closeKey));
    }

    @Override
    public void draw(TextGraphics g, int top, int rows, int width) {
        wrap(width);
        scroller.layout(rows, this.rows.size());
        for (int r = 0; r < rows; r++) {
            int i = scroller.top() + r;
            RowPainter p = new RowPainter(g, top + r, width, false);
            if (i < this.rows.size()) {
                p.text(this.rows.get(i), titles.get(i) ? Palette.TITLE : Palette.DEFAULT);
            }
            p.finish();
        }
    }

    /** The rows for a screen {@code width} wide (kept until the width changes). */
    List<String> rows(int width) {
        wrap(width);
        return rows;
    }

    private void wrap(int width) {
        if (width == wrappedFor) {
            return;
        }
        List<String> out = new ArrayList<>();
        List<Boolean> title = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            int before = out.size();
            wrapLine(lines.get(i), Math.max(1, width), out);
            for (int j = before; j < out.size(); j++) {
                title.add(i == 0);
            }
        }
        rows = out;
        titles = title;
        wrappedFor = width;
    }

    /**
     * Cuts one line into rows of at most {@code width} columns, at a space where there is one:
     * continuations are indented under the line's text, or under its second column for a line
     * laid out in two ("  w        wrap long lines").
     */
    static void wrapLine(String line, int width, List<String> out) {
        if (TerminalTextUtils.getColumnWidth(line) <= width) {
            out.add(line);
            return;
        }
        String indent = " ".repeat(Math.min(hangingIndent(line), width / 2));
        int i = 0;
        boolean first = true;
        while (i < line.length()) {
            int room = first ? width : width - indent.length();
            int cols = 0;
            int j = i;
            while (j < line.length()) {
                int w = TerminalTextUtils.isCharDoubleWidth(line.charAt(j)) ? 2 : 1;
                if (cols + w > room) {
                    break;
                }
                cols += w;
                j += Character.isHighSurrogate(line.charAt(j)) && j + 1 < line.length() ? 2 : 1;
            }
            if (j == i) {
                j = i + 1; // a character wider than the row: it goes alone
            }
            int end = j;
            if (j < line.length()) {
                for (int k = j; k > i + room / 2; k--) { // only the row's second half: a long line stays linear
                    if (line.charAt(k) == ' ') {
                        end = k; // a word is not cut where a space is near
                        break;
                    }
                }
            }
            out.add((first ? "" : indent) + line.substring(i, end));
            first = false;
            i = end;
            while (i < line.length() && line.charAt(i) == ' ' && i > 0) {
                i++; // the space a row was cut at starts no row
            }
        }
    }

    /** Where a line's continuations start: under its second column ("  key   text"), or two past its indent. */
    private static int hangingIndent(String line) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') {
            lead++;
        }
        int gap = line.indexOf("  ", lead);
        if (gap > 0 && gap < MAX_KEY_COLUMN) {
            int col = gap;
            while (col < line.length() && line.charAt(col) == ' ') {
                col++;
            }
            if (col < line.length()) {
                return col;
            }
        }
        return lead + 2;
    }

    @Override
    public String hint(int width) {
        return Hints.fit(width, List.of(name, "\u2191\u2193 PgUp PgDn Home End scroll", "space page down", close + " close"),
                List.of("\u2191\u2193 PgUp PgDn Home End scroll", "space page down"));
    }
}

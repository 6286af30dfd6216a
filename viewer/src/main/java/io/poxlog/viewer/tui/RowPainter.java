package io.poxlog.viewer.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.poxlog.viewer.model.Sanitizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws one screen row left to right in coloured pieces, cutting at the row's width. Every piece
 * of text passes {@link Sanitizer#line} here, whatever its caller did: this is the one way text
 * reaches the screen, so no field from the network can reach the terminal raw (Lanterna throws
 * on C0 controls, and would pass C1 controls and bidi overrides through). Not thread-safe: one per
 * row, on the UI thread.
 */
final class RowPainter {
    private final TextGraphics g;
    private final int row;
    private final int width;
    private final boolean reverse;
    private int col;

    /** @param reverse draws the whole row in reverse video (the selected row) */
    RowPainter(TextGraphics g, int row, int width, boolean reverse) {
        this.g = g;
        this.row = row;
        this.width = width;
        this.reverse = reverse;
    }

    int remaining() {
        return Math.max(0, width - col);
    }

    RowPainter text(String s, TextColor fg) {
        return text(s, fg, Palette.DEFAULT, false);
    }

    RowPainter text(String s, TextColor fg, TextColor bg, boolean bold) {
        if (col >= width || s.isEmpty()) {
            return this;
        }
        String fit = TerminalTextUtils.fitString(Sanitizer.line(s), width - col);
        g.setForegroundColor(fg);
        g.setBackgroundColor(bg);
        g.clearModifiers();
        if (bold) {
            g.enableModifiers(SGR.BOLD);
        }
        if (reverse) {
            g.enableModifiers(SGR.REVERSE);
        }
        g.putString(col, row, fit);
        col += TerminalTextUtils.getColumnWidth(fit);
        return this;
    }

    /** Text padded with spaces (or cut) to exactly {@code cells} columns. */
    RowPainter cell(String s, int cells, TextColor fg, boolean bold) {
        String fit = TerminalTextUtils.fitString(Sanitizer.line(s), cells);
        int pad = cells - TerminalTextUtils.getColumnWidth(fit);
        return text(fit + " ".repeat(Math.max(0, pad)), fg, Palette.DEFAULT, bold);
    }

    /** Text with every match of {@code search} highlighted; {@code search} may be null. */
    RowPainter highlighted(String text, TextColor fg, Pattern search) {
        String s = Sanitizer.line(text); // matched as it is drawn
        if (search == null) {
            return text(s, fg);
        }
        Matcher m = search.matcher(s);
        int at = 0;
        while (col < width && m.find()) {
            if (m.end() == m.start()) {
                continue; // an empty match highlights nothing
            }
            text(s.substring(at, m.start()), fg);
            text(s.substring(m.start(), m.end()), Palette.MATCH_FG, Palette.MATCH_BG, true);
            at = m.end();
        }
        return text(s.substring(at), fg);
    }

    /** Fills the rest of the row (so that a selected row is reversed to the edge). */
    void finish() {
        if (col < width) {
            text(" ".repeat(width - col), Palette.DEFAULT);
        }
    }
}

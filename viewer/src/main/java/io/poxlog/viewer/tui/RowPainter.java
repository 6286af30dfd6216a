package io.poxlog.viewer.tui;

import com.googlecode.lanterna.SGR;
import com.googlecode.lanterna.TerminalTextUtils;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import io.poxlog.viewer.model.Sanitizer;
import io.poxlog.viewer.model.Scan;
import java.util.function.BooleanSupplier;
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
        String fit = TerminalTextUtils.fitString(Sanitizer.line(head(s, width - col)), width - col);
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
        String fit = TerminalTextUtils.fitString(Sanitizer.line(head(s, cells)), cells);
        int pad = cells - TerminalTextUtils.getColumnWidth(fit);
        return text(fit + " ".repeat(Math.max(0, pad)), fg, Palette.DEFAULT, bold);
    }

    /**
     * Text with every match of {@code search} highlighted; {@code search} may be null. Matching
     * stops, and the rest of the row is drawn plain, once {@code stop} says so: a user's regex
     * may take any time, and this runs on the UI thread. Returns false when it stopped.
     */
    boolean highlighted(String text, TextColor fg, Pattern search, BooleanSupplier stop) {
        String s = Sanitizer.line(text); // matched as it is drawn
        if (search == null) {
            text(s, fg);
            return true;
        }
        int at = 0;
        try {
            Matcher m = Scan.matcher(search, s, stop);
            while (col < width && m.find()) {
                if (m.end() == m.start()) {
                    continue; // an empty match highlights nothing
                }
                text(s.substring(at, m.start()), fg);
                text(s.substring(m.start(), m.end()), Palette.MATCH_FG, Palette.MATCH_BG, true);
                at = m.end();
            }
        } catch (Scan.Cancelled | StackOverflowError tooSlow) {
            text(s.substring(at), fg);
            return false;
        }
        text(s.substring(at), fg);
        return true;
    }

    /**
     * The start of {@code s} that can fill {@code cells} columns (each character takes one or
     * two; a surrogate pair is two characters), so that a field of megabytes costs no more to
     * draw than a short one.
     */
    private static String head(String s, int cells) {
        int n = 2 * Math.max(0, cells) + 2;
        return s.length() <= n ? s : s.substring(0, n);
    }

    /** Fills the rest of the row (so that a selected row is reversed to the edge). */
    void finish() {
        if (col < width) {
            text(" ".repeat(width - col), Palette.DEFAULT);
        }
    }
}

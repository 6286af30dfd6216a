package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.screen.Screen;
import java.util.List;

/**
 * The bottom line: an open prompt with its cursor; else how far work still running is (a search,
 * a write, a regex filter), so that Esc is known to call it off; else the message; else the keys.
 * UI thread only.
 */
final class BottomLine {
    private BottomLine() {
    }

    static void prompt(TextGraphics g, Screen screen, int row, int width, Prompt open) {
        new RowPainter(g, row, width, false).text(open.symbol() + open.text(), Palette.DEFAULT).finish();
        screen.setCursorPosition(new TerminalPosition(Math.min(width - 1, open.symbol().length() + open.cursor()), row));
    }

    /** @param progress what is still at work, or null */
    static void status(TextGraphics g, int row, int width, String progress, MessageLine messages, long now, String keys) {
        RowPainter p = new RowPainter(g, row, width, false);
        String message = messages.text(now);
        if (progress != null) {
            p.text(progress, TextColor.ANSI.YELLOW_BRIGHT);
        } else if (!message.isEmpty()) {
            p.text(message, messages.isError() ? Palette.ERROR : TextColor.ANSI.GREEN_BRIGHT);
        } else {
            p.text(keys, Palette.DIM);
        }
        p.finish();
    }

    /** The keys of the log pane for {@code width} columns; space says what it would do now. */
    static String keys(int width, boolean following) {
        List<String> items = List.of("? help", "/ search", ": command", "L loggers", "Enter details",
                following ? "space pause" : "space follow", "w wrap", "q quit");
        return Hints.fit(width, items, List.of("w wrap", "Enter details", "L loggers", ": command", "/ search"));
    }
}

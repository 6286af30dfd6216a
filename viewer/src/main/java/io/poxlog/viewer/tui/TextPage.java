package io.poxlog.viewer.tui;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.List;

/**
 * A page of text over the log, scrolled with the usual keys and closed with Esc, Enter, q or
 * another given key: the record details and the help. UI thread only.
 */
final class TextPage implements Overlay {
    private final List<String> lines;
    private final String hint;
    private final char closeKey;
    private final PageScroller scroller = new PageScroller(false);

    /** @param lines already safe for the terminal; the first is the title */
    TextPage(List<String> lines, String hint, char closeKey) {
        this.lines = List.copyOf(lines);
        this.hint = hint;
        this.closeKey = closeKey;
    }

    @Override
    public boolean key(KeyStroke k) {
        if (scroller.key(k, lines.size())) {
            return true;
        }
        KeyType t = k.getKeyType();
        return !(t == KeyType.Escape || t == KeyType.Enter || t == KeyType.Character
                && (k.getCharacter() == 'q' || k.getCharacter() == closeKey));
    }

    @Override
    public void draw(TextGraphics g, int top, int rows, int width) {
        scroller.layout(rows, lines.size());
        for (int r = 0; r < rows; r++) {
            int i = scroller.top() + r;
            RowPainter p = new RowPainter(g, top + r, width, false);
            if (i < lines.size()) {
                p.text(lines.get(i), i == 0 ? Palette.TITLE : Palette.DEFAULT);
            }
            p.finish();
        }
    }

    @Override
    public String hint() {
        return hint;
    }
}

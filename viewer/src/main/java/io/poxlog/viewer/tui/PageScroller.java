package io.poxlog.viewer.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;

/**
 * Scrolling through a list of rows with the usual keys, with or without a selected row. Not
 * thread-safe; UI thread only.
 */
final class PageScroller {
    private final boolean selecting;
    private int top;
    private int selected;
    private int pageRows = 10;

    PageScroller(boolean selecting) {
        this.selecting = selecting;
    }

    int top() {
        return top;
    }

    int selected() {
        return selected;
    }

    /** Selects row {@code i} (kept in range and in sight at the next layout). */
    void select(int i) {
        selected = Math.max(0, i);
    }

    /** Moves for a navigation key; returns false for any other key. */
    boolean key(KeyStroke k, int size) {
        int step;
        KeyType t = k.getKeyType();
        Character c = t == KeyType.Character ? k.getCharacter() : null;
        if (t == KeyType.ArrowUp || c != null && c == 'k') {
            step = -1;
        } else if (t == KeyType.ArrowDown || c != null && c == 'j') {
            step = 1;
        } else if (t == KeyType.PageUp) {
            step = -Math.max(1, pageRows - 1);
        } else if (t == KeyType.PageDown || c != null && c == ' ') {
            step = Math.max(1, pageRows - 1);
        } else if (t == KeyType.Home || c != null && c == 'g') {
            step = -size;
        } else if (t == KeyType.End || c != null && c == 'G') {
            step = size;
        } else {
            return false;
        }
        if (selecting) {
            selected = clamp(selected + step, size - 1);
        } else {
            top = clamp(top + step, size - pageRows);
        }
        return true;
    }

    /** Fits the scroll position to a page of {@code rows} rows of a list of {@code size}. */
    void layout(int rows, int size) {
        pageRows = Math.max(1, rows);
        if (selecting) {
            selected = clamp(selected, size - 1);
            if (selected < top) {
                top = selected;
            } else if (selected >= top + pageRows) {
                top = selected - pageRows + 1;
            }
        }
        top = clamp(top, size - pageRows);
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, max));
    }
}

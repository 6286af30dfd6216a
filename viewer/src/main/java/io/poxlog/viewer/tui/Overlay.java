package io.poxlog.viewer.tui;

import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;

/**
 * A full-pane view over the log (details, logger tree, help). It gets every key until it closes.
 * UI thread only.
 */
interface Overlay {
    /** Handles a key; returns false when the overlay is done and should close. */
    boolean key(KeyStroke k);

    /** Draws itself into rows {@code top} .. {@code top + rows - 1}. */
    void draw(TextGraphics g, int top, int rows, int width);

    /** What the bottom bar says while it is open, in {@code width} columns: its keys. */
    String hint(int width);

    /** A prompt of its own open on the bottom line (the logger tree's search), or null. */
    default Prompt prompt() {
        return null;
    }
}

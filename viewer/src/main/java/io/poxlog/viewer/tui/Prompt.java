package io.poxlog.viewer.tui;

import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import java.util.ArrayList;
import java.util.List;

/**
 * A one-line editor on the bottom row, for {@code /} searches and {@code :} commands: typing,
 * Backspace, ←/→, Home/End, ↑/↓ through earlier entries, Enter to submit, Esc to cancel.
 * UI thread only.
 */
final class Prompt {
    /** What a key did. */
    enum Outcome { EDITING, SUBMITTED, CANCELLED }

    private final String symbol;
    private final List<String> history = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int cursor;
    private int historyAt;

    Prompt(String symbol) {
        this.symbol = symbol;
    }

    String symbol() {
        return symbol;
    }

    String text() {
        return text.toString();
    }

    int cursor() {
        return cursor;
    }

    void open() {
        text.setLength(0);
        cursor = 0;
        historyAt = history.size();
    }

    Outcome key(KeyStroke k) {
        switch (k.getKeyType()) {
            case Character -> {
                text.insert(cursor++, k.getCharacter().charValue());
            }
            case Backspace -> {
                if (cursor > 0) {
                    text.deleteCharAt(--cursor);
                } else if (text.length() == 0) {
                    return Outcome.CANCELLED;
                }
            }
            case Delete -> {
                if (cursor < text.length()) {
                    text.deleteCharAt(cursor);
                }
            }
            case ArrowLeft -> cursor = Math.max(0, cursor - 1);
            case ArrowRight -> cursor = Math.min(text.length(), cursor + 1);
            case Home -> cursor = 0;
            case End -> cursor = text.length();
            case ArrowUp -> recall(-1);
            case ArrowDown -> recall(1);
            case Escape -> {
                return Outcome.CANCELLED;
            }
            case Enter -> {
                String t = text.toString();
                if (!t.isBlank() && (history.isEmpty() || !history.get(history.size() - 1).equals(t))) {
                    history.add(t);
                }
                return Outcome.SUBMITTED;
            }
            default -> { }
        }
        return Outcome.EDITING;
    }

    private void recall(int step) {
        int at = Math.max(0, Math.min(history.size(), historyAt + step));
        if (at == historyAt) {
            return;
        }
        historyAt = at;
        text.setLength(0);
        if (at < history.size()) {
            text.append(history.get(at));
        }
        cursor = text.length();
    }
}

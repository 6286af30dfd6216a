package io.poxlog.viewer.tui;

import com.googlecode.lanterna.input.KeyStroke;
import io.poxlog.viewer.model.LevelDurations;

/**
 * The logger tree's {@code f}: asks for a duration on the bottom line ({@link LevelDurations},
 * as {@code :level} takes one), then waits for the one key after it: a level key sets that level
 * for so long, any other calls it off. UI thread only.
 */
final class TimedChange {
    private final Prompt prompt = new Prompt("for how long (90s, 5m, 1h)? ");
    private final MessageLine messages;
    private boolean asking;
    /** The duration given, waiting for its level key; 0 when none. */
    private long seconds;

    TimedChange(MessageLine messages) {
        this.messages = messages;
    }

    void start() {
        asking = true;
        seconds = 0;
        prompt.open();
    }

    /** Whether the next key is its: the duration being typed, or the level key awaited. */
    boolean active() {
        return asking || seconds > 0;
    }

    /**
     * Takes a key while {@link #active}: returns the seconds that the level of {@code levelKey}
     * is to be set for, once it comes, and 0 otherwise (the key was part of the duration, was not a
     * level key, or the duration was wrong: said on the message line).
     */
    long key(KeyStroke k, boolean levelKey) {
        if (asking) {
            Prompt.Outcome o = prompt.key(k);
            if (o == Prompt.Outcome.EDITING) {
                return 0;
            }
            asking = false;
            if (o == Prompt.Outcome.SUBMITTED) {
                try {
                    seconds = LevelDurations.parse(prompt.text().strip());
                    messages.say(hint());
                } catch (IllegalArgumentException e) {
                    messages.complain(e.getMessage());
                }
            }
            return 0;
        }
        long s = seconds;
        seconds = 0;
        if (!levelKey) {
            messages.say("timed change called off");
            return 0;
        }
        return s;
    }

    /** Its prompt while the duration is typed, else null. */
    Prompt prompt() {
        return asking ? prompt : null;
    }

    /** What the bottom line says while the level key is awaited, else null. */
    String hint() {
        return seconds > 0 ? "for " + LevelDurations.left(seconds) + ": t d i w e c x sets the level; another key calls it off"
                : null;
    }
}

package io.poxlog.viewer.tui;

/**
 * What the bottom line tells the user: the answer to a command, an error, the end of a search;
 * it goes after ten seconds or at the next key. UI thread only.
 */
final class MessageLine {
    private static final long SHOWN_NANOS = 10_000_000_000L;

    private String text = "";
    private boolean error;
    private long since;

    void say(String s) {
        text = s;
        error = false;
        since = System.nanoTime();
    }

    void complain(String s) {
        say(s);
        error = true;
    }

    void clear() {
        text = "";
    }

    /** The text, or "" once it is older than ten seconds. */
    String text(long now) {
        if (!text.isEmpty() && now - since > SHOWN_NANOS) {
            text = "";
        }
        return text;
    }

    boolean isError() {
        return error;
    }
}

package io.poxlog.viewer.tui;

/**
 * What the bottom line tells the user: the answer to a command, an error, the end of a search;
 * it goes after ten seconds or at the next key. A level change's answer also has a {@link
 * LevelReport}, one line per controller drawn above the bottom line, which stays while answers
 * are awaited and ten seconds after the last. UI thread only.
 */
final class MessageLine {
    private static final long SHOWN_NANOS = 10_000_000_000L;

    private String text = "";
    private boolean error;
    private long since;
    private LevelReport report;
    private long reportVersion = -1;

    void say(String s) {
        text = s;
        error = false;
        since = System.nanoTime();
        report = null;
    }

    /** Says {@code s}, with the report's lines above it. */
    void say(String s, LevelReport r) {
        say(s);
        report = r;
    }

    void complain(String s) {
        say(s);
        error = true;
    }

    /** A controller's notice: it takes the bottom line, and leaves the lines of a level change above it. */
    void notice(String s) {
        LevelReport r = report;
        complain(s);
        report = r;
    }

    void complain(String s, LevelReport r) {
        say(s, r);
        error = true;
    }

    void clear() {
        text = "";
        report = null;
    }

    /** The text, or "" once it is older than ten seconds. */
    String text(long now) {
        if (report != null && report.pending()) {
            since = now;
        }
        if (!text.isEmpty() && now - since > SHOWN_NANOS) {
            text = "";
            report = null;
        }
        return text;
    }

    /** The report shown with the text, or null. */
    LevelReport report(long now) {
        text(now);
        return report;
    }

    /** Whether the report has news since this was last asked: a frame to draw. */
    boolean changed() {
        LevelReport r = report;
        long v = r == null ? -1 : r.version();
        if (v != reportVersion) {
            reportVersion = v;
            return true;
        }
        return false;
    }

    boolean isError() {
        return error;
    }
}

package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.JsonLines;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.Sanitizer;
import java.io.PrintStream;

/**
 * The output of {@code --plain} and {@code --json}: one record per line, for pipes. Plain is POX's
 * {@code LEVELNAME|logger|message} (with a leading {@code source|} when following several
 * controllers); JSON is each record as received, plus {@code source}. Connection changes and
 * server errors go to the error stream, as POX's tool does.
 *
 * <p>Called by every subscriber's thread: printing is synchronized on the output stream. Output is
 * buffered; {@link #flush} (called by a timer and at exit) pushes it out. When the output's reader
 * has gone away ({@code pox-log --plain | head}), {@code onClosed} runs once: a closed output is
 * the end of the run, as for {@code tail -f}, not an error.
 */
final class LineOutput implements LogListener {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean sanitize;
    private final boolean showSource;
    private final Filter filter;
    private final Runnable onClosed;
    private boolean closed;

    LineOutput(PrintStream out, PrintStream err, boolean json, boolean sanitize, boolean showSource, Filter filter,
               Runnable onClosed) {
        this.onClosed = onClosed;
        this.out = out;
        this.err = err;
        this.json = json;
        this.sanitize = sanitize;
        this.showSource = showSource;
        this.filter = filter;
    }

    @Override
    public void onRecord(LogEntry e) {
        if (!filter.matches(e)) {
            return;
        }
        String line;
        if (json) {
            line = JsonLines.of(e, showSource);
        } else {
            String text = e.levelName() + "|" + e.logger() + "|" + e.message();
            line = (showSource ? e.source() + "|" : "") + (sanitize ? Sanitizer.text(text) : text);
        }
        synchronized (out) {
            out.println(line);
            if (sanitize) {
                out.flush(); // a person is watching: no delay
                checkClosed();
            }
        }
    }

    /** PrintStream keeps a write's failure to itself; a failed write here means the reader left. */
    private void checkClosed() {
        if (!closed && out.checkError()) {
            closed = true;
            onClosed.run();
        }
    }

    @Override
    public void onStatus(SourceStatus s) {
        switch (s.state()) {
            case CONNECTED -> say("== Connected to " + s.source() + (s.detail().isEmpty() ? "" : ": " + s.detail()) + " ==");
            case RECONNECTING -> say("== Disconnected from " + s.describe(System.currentTimeMillis()) + " ==");
            default -> { }
        }
    }

    @Override
    public void onServerError(String source, String error) {
        say("== " + source + " error: " + error + " ==");
    }

    private void say(String text) {
        synchronized (err) {
            err.println(sanitize ? Sanitizer.text(text) : text);
            err.flush();
        }
    }

    void flush() {
        synchronized (out) {
            out.flush();
            checkClosed();
        }
    }
}

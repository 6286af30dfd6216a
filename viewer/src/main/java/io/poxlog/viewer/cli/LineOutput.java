package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.Sanitizer;
import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output of {@code --plain} and {@code --json}: one record per line, for pipes ({@link
 * PlainFormat}, {@link JsonFormat}). Connection changes and server errors go to the error stream,
 * as POX's tool does: each change once (one "Disconnected" per outage however many retries it
 * takes), a controller's restart too. Each stream is sanitized when it is a terminal, on its own.
 *
 * <p>Called by every subscriber's thread: printing is synchronized on the output stream. Output is
 * buffered; {@link #flush} (called by a timer and at exit) pushes it out. When the output's reader
 * has gone away ({@code pox-log --plain | head}), {@code onClosed} runs once: a closed output is
 * the end of the run, as for {@code tail -f}, not an error.
 */
final class LineOutput implements LogListener {
    private final PrintStream out;
    private final PrintStream err;
    private final RecordFormat format;
    /** Standard output is a terminal: a person watches, each record is flushed at once. */
    private final boolean outTerminal;
    private final boolean errTerminal;
    private final Filter filter;
    private final Runnable onRefused;
    private final Runnable onClosed;
    private boolean closed;
    /** What was last said of each controller's connection. */
    private final Map<String, ConnectionState> said = new ConcurrentHashMap<>();

    LineOutput(PrintStream out, PrintStream err, RecordFormat format, Terminals terminals, Filter filter) {
        this(out, err, format, terminals, filter, () -> { }, () -> { });
    }

    /**
     * {@code onRefused} runs when a controller refuses this viewer for good (plain mode then exits),
     * {@code onClosed} when the reader of the output has gone away.
     */
    LineOutput(PrintStream out, PrintStream err, RecordFormat format, Terminals terminals, Filter filter,
               Runnable onRefused, Runnable onClosed) {
        this.onRefused = onRefused;
        this.onClosed = onClosed;
        this.out = out;
        this.err = err;
        this.format = format;
        this.outTerminal = terminals.out();
        this.errTerminal = terminals.err();
        this.filter = filter;
    }

    @Override
    public void onRecord(LogEntry e) {
        if (!filter.matches(e)) {
            return;
        }
        String line = format.format(e);
        synchronized (out) {
            out.println(line);
            if (outTerminal) {
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
        String d = s.detail().isEmpty() ? "" : ": " + s.detail();
        ConnectionState before = said.get(s.source());
        switch (s.state()) {
            case CONNECTED -> {
                if (before != ConnectionState.CONNECTED) {
                    said.put(s.source(), ConnectionState.CONNECTED);
                    say("== Connected to " + s.source() + d + " ==");
                }
            }
            case RECONNECTING -> {
                if (before == null || before == ConnectionState.CONNECTED || before == ConnectionState.NO_LOG_SERVICE) {
                    said.put(s.source(), ConnectionState.RECONNECTING);
                    say("== " + (before == null ? "Cannot connect to " : "Disconnected from ") + s.source() + d
                            + "; reconnecting with backoff ==");
                }
            }
            case NO_LOG_SERVICE -> {
                if (before != ConnectionState.NO_LOG_SERVICE) {
                    said.put(s.source(), ConnectionState.NO_LOG_SERVICE);
                    say("== " + s.source() + " has no log service: start the controller with messenger.log_service ==");
                }
            }
            case REFUSED -> {
                said.put(s.source(), ConnectionState.REFUSED);
                say("== " + s.source() + " refused this viewer" + d + " ==");
                onRefused.run();
            }
            case CLOSED -> {
                // A single attempt (--no-follow) failed, or ended before its work was done; a
                // connection this viewer closed says no why.
                if (!s.detail().isEmpty() && (before == null || before == ConnectionState.CONNECTED)) {
                    said.put(s.source(), ConnectionState.CLOSED);
                    say("== " + (before == null ? "Cannot connect to " : "Disconnected from ") + s.source() + d + " ==");
                }
            }
            default -> { }
        }
    }

    @Override
    public void onRestart(LogEntry marker) {
        say("== " + marker.message() + " ==");
    }

    @Override
    public void onServerError(String source, String error) {
        say("== " + source + " error: " + error + " ==");
    }

    /** One line on the error stream: controllers' words are in it, so it is sanitized on a terminal. */
    void say(String text) {
        synchronized (err) {
            err.println(errTerminal ? Sanitizer.line(text) : PlainFormat.oneLine(text));
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

package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.LogEntry;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code --no-follow}: knows when each controller has sent what it retained, and leaves out what
 * it logged after ({@code kubectl logs} without {@code -f}). The controller sends its backlog a
 * slice at a time and says nothing when it is done; the subscription's end probe ({@link
 * LogListener#onBacklogEnd}) names the newest record that passes the filters, and the backlog is
 * all in once that one has come. When no retained record passes, the probe names none: then the
 * backlog is empty, and it is taken as such once the subscription is live and nothing has come
 * for {@link #QUIET} (the controller may take a moment to look through what it retains). The
 * same quiet ends a backlog whose newest record never comes (a controller under load lets a
 * record past one subscription's regex unexamined and not another's), after {@link #QUIET_BACKSTOP}.
 *
 * <p>A controller that cannot be reached, refuses this viewer or serves no log is done too, and
 * so is one whose connection is lost before its backlog ended (said, and exit code 1); its exit
 * code is kept. Called on the subscriptions' threads; {@link #await} on the main thread.
 */
final class BacklogEnds extends ForwardingListener {
    static final Duration QUIET = Duration.ofSeconds(2);
    static final Duration QUIET_BACKSTOP = Duration.ofSeconds(10);

    private static final class Source {
        /** The backlog's last seq; Long.MIN_VALUE until the probe says. */
        long endSeq = Long.MIN_VALUE;
        long lastSeq = -1;
        /** When it turned CONNECTED, or last sent a record (nanoTime); 0 before it connected. */
        long quietSince;
        boolean connected;
        boolean done;
        int exit;
    }

    private final Map<String, Source> sources = new HashMap<>();

    BacklogEnds(Collection<String> sources, LogListener next) {
        super(next);
        for (String s : sources) {
            this.sources.put(s, new Source());
        }
    }

    @Override
    public void onRecord(LogEntry e) {
        synchronized (this) {
            Source s = sources.get(e.source());
            if (s == null || s.done || (s.endSeq != Long.MIN_VALUE && e.seq() > s.endSeq)) {
                return; // logged after the request: not part of what was retained
            }
            if (e.seq() >= 0) {
                s.lastSeq = e.seq();
            }
            long gapEnd = e.isGapNotice() ? e.tree().path("gap").path(1).asLong(-1) : -1;
            s.quietSince = System.nanoTime();
            if (s.endSeq != Long.MIN_VALUE && Math.max(s.lastSeq, gapEnd) >= s.endSeq) {
                s.done = true;
                notifyAll();
            }
        }
        next.onRecord(e);
    }

    @Override
    public void onBacklogEnd(String source, long seq) {
        synchronized (this) {
            Source s = sources.get(source);
            if (s != null) {
                s.endSeq = seq;
                if (seq < 0 || s.lastSeq >= seq) {
                    s.done = true;
                }
                notifyAll();
            }
        }
        next.onBacklogEnd(source, seq);
    }

    @Override
    public void onStatus(SourceStatus status) {
        SourceStatus st = status;
        synchronized (this) {
            Source s = sources.get(st.source());
            if (s != null && !s.done) {
                switch (st.state()) {
                    case CONNECTED -> {
                        if (!s.connected) {
                            s.connected = true;
                            s.quietSince = System.nanoTime();
                        }
                    }
                    case REFUSED -> end(s, PoxLog.EXIT_REFUSED);
                    case NO_LOG_SERVICE -> end(s, PoxLog.EXIT_CANNOT);
                    case CLOSED, RECONNECTING -> {
                        // A detail says why the connection ended; none, that this viewer ended it.
                        boolean lost = s.connected && !st.detail().isEmpty();
                        if (lost) {
                            st = new SourceStatus(st.source(), st.state(), st.detail() + " before the end of its backlog",
                                    st.retryAtMillis());
                        }
                        end(s, s.connected && !lost ? 0 : PoxLog.EXIT_UNREACHABLE);
                    }
                    default -> { }
                }
            }
        }
        next.onStatus(st);
    }

    private void end(Source s, int exit) {
        s.done = true;
        s.exit = exit;
        notifyAll();
    }

    /** Waits until every controller is done; returns the highest exit code among them. */
    synchronized int await() throws InterruptedException {
        while (true) {
            long now = System.nanoTime();
            boolean all = true;
            for (Source s : sources.values()) {
                if (!s.done && s.connected) {
                    Duration quiet = s.endSeq == Long.MIN_VALUE ? QUIET : QUIET_BACKSTOP;
                    s.done = now - s.quietSince >= quiet.toNanos();
                }
                all &= s.done;
            }
            if (all) {
                return sources.values().stream().mapToInt(s -> s.exit).max().orElse(0);
            }
            wait(100);
        }
    }
}

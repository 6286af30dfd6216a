package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.LogEntry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Several controllers' records in time order for the line modes (issue 11, item 7), as the
 * terminal UI shows them: each record is held for the reorder window after it arrives, and
 * records leave oldest {@code created} first. So records that reach the viewer out of order by
 * less than the window (one controller's connection slower, or its records batched) come out in
 * order; a record later than that is printed when the window has passed, after newer ones. Every
 * record is out within the window of its arrival, whatever the others do.
 *
 * <p>At the start the backlogs come in at different times (one controller answers later): nothing
 * leaves until every controller has been tried (its first status past connecting) or {@link
 * #DEFAULT_STARTUP} has passed, so that the backlogs merge. At most {@link #MAX_HELD} records are
 * held; past it the oldest leaves at once. A window of {@link #FOREVER} holds everything until
 * {@link #drain}: {@code --no-follow}, which prints once all is in.
 *
 * <p>Statuses, errors and restarts pass at once (they go to standard error). Records are handed
 * over on the subscriptions' threads; the merge's own thread, "pox-log-merge", lets them go when
 * due. All methods are thread-safe; records are passed on in order, under the merge's lock.
 */
final class TimeMerge extends ForwardingListener implements AutoCloseable {
    /** The reorder window of {@code --reorder-window}. */
    static final Duration DEFAULT_WINDOW = Duration.ofMillis(500);
    /** The longest the start waits for every controller's backlog. */
    static final Duration DEFAULT_STARTUP = Duration.ofSeconds(3);
    /** A window that never ends: records leave only by {@link #drain}. */
    static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);
    /** Records held at most: with the 500 ms window, 200,000 records a second. */
    static final int MAX_HELD = 100_000;

    private static final class Held {
        final LogEntry entry;
        final long arrivedNanos;
        final long order;
        boolean gone;

        Held(LogEntry entry, long arrivedNanos, long order) {
            this.entry = entry;
            this.arrivedNanos = arrivedNanos;
            this.order = order;
        }
    }

    private final long windowNanos;
    private final long startupEndsNanos;
    private final PriorityQueue<Held> byCreated = new PriorityQueue<>(
            Comparator.comparingDouble((Held h) -> h.entry.created()).thenComparingLong(h -> h.order));
    private final ArrayDeque<Held> byArrival = new ArrayDeque<>();
    private final Set<String> untried;
    private long received;
    private boolean closed;
    private final Thread thread;

    /**
     * @param sources every controller followed, {@code host:port}: the start waits for each
     * @param window how long a record is held after it arrives
     */
    TimeMerge(Set<String> sources, Duration window, Duration startup, LogListener next) {
        super(next);
        this.windowNanos = window.toNanos();
        this.untried = new HashSet<>(sources);
        this.startupEndsNanos = System.nanoTime() + startup.toNanos();
        thread = new Thread(this::run, "pox-log-merge");
        thread.setDaemon(true);
        if (windowNanos != Long.MAX_VALUE) {
            thread.start();
        }
    }

    @Override
    public void onRecord(LogEntry e) {
        synchronized (this) {
            Held h = new Held(e, System.nanoTime(), received++);
            byCreated.add(h);
            if (windowNanos != Long.MAX_VALUE) {
                byArrival.add(h);
                if (byArrival.size() == 1) {
                    notifyAll(); // the merge's thread waits for a first record; otherwise it knows when to look
                }
            }
            while (byCreated.size() > MAX_HELD) {
                release();
            }
            if (byArrival.size() > 2 * MAX_HELD) {
                byArrival.removeIf(x -> x.gone); // let go of early: their window no longer matters
            }
        }
    }

    @Override
    public void onStatus(SourceStatus s) {
        if (s.state() != ConnectionState.CONNECTING) {
            synchronized (this) {
                if (untried.remove(s.source()) && untried.isEmpty()) {
                    notifyAll();
                }
            }
        }
        next.onStatus(s);
    }

    /** Passes on everything held, oldest first: at the end. */
    synchronized void drain() {
        while (!byCreated.isEmpty()) {
            release();
        }
        byArrival.clear();
    }

    /** Records held now; for tests. */
    synchronized int held() {
        return byCreated.size();
    }

    /** Records followed for their window, those let go early included; for tests. */
    synchronized int tracked() {
        return byArrival.size();
    }

    /** Ends the merge's thread; what it holds stays until {@link #drain}. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void release() {
        Held h = byCreated.poll();
        h.gone = true;
        next.onRecord(h.entry);
    }

    private void run() {
        synchronized (this) {
            while (!closed) {
                long now = System.nanoTime();
                long waitNanos = 0; // 0: until a record comes
                if (!untried.isEmpty() && now - startupEndsNanos < 0) {
                    waitNanos = startupEndsNanos - now;
                } else {
                    // Due: the record that arrived first has been held the window; the oldest leave
                    // until it has left, so nothing stays longer than the window.
                    while (!byArrival.isEmpty()) {
                        Held first = byArrival.peekFirst();
                        if (first.gone) {
                            byArrival.pollFirst();
                        } else if (now - first.arrivedNanos >= windowNanos) {
                            release();
                        } else {
                            waitNanos = first.arrivedNanos + windowNanos - now;
                            break;
                        }
                    }
                }
                try {
                    if (waitNanos == 0) {
                        wait();
                    } else {
                        wait(Math.max(1, waitNanos / 1_000_000), 0);
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}

package io.poxlog.viewer.model;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Matches records against a {@link RecordStore}'s regex filter on a thread of its own,
 * "pox-log-filter", so that neither the threads that bring records in nor the UI thread ever run
 * the user's regex, which can take any time at all. It matches records that arrived (oldest
 * first) and, after the filter changed, every record held then (newest first, so the pane fills
 * from the bottom at once); it matches outside the store's lock and takes the lock only to put
 * the matches in the view. A new filter, {@code :clear} or {@link #stop} calls off a match in
 * progress, however long its regex would have taken ({@link Scan}).
 *
 * <p>The thread is started when there is work and ends after a few idle seconds. Everything here
 * but the thread's own loop is guarded by the store's lock.
 */
final class ViewBuilder {
    /** Records matched between two visits to the lock: the view grows in steps a frame can show. */
    private static final int BATCH = 256;

    private final RecordStore store;
    private final ThreadPoolExecutor thread;
    private final ArrayDeque<Held> arrived = new ArrayDeque<>();
    /** The records held when the filter changed, still to be matched: rescan[0 .. rescanLeft). */
    private Held[] rescan;
    private int rescanLeft;
    /** Changes with each new filter or clear, calling off the batch being matched. */
    private volatile long generation;
    /** The generation of the batch being matched outside the lock; -1 when none is. */
    private long matching = -1;
    /** Records that ever arrived to be matched, and how many of them a batch being matched holds. */
    private long arrivedInAll;
    private int tailMatching;
    private boolean scheduled;
    private boolean stopped;

    ViewBuilder(RecordStore store) {
        this.store = store;
        thread = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "pox-log-filter");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- under the store's lock

    void arrived(Held h) {
        arrived.addLast(h);
        arrivedInAll++;
        if (arrived.size() > 2 * store.capacity()) {
            // Records leave the store in time order, not in the order they arrived (two controllers
            // a little apart): let go of those gone, so that the wait for a slow regex stays bounded.
            arrived.removeIf(w -> w.entry == null);
        }
        schedule();
    }

    /** A record left the store; it is usually the oldest still waiting, if it waits at all. */
    void evicted(Held h) {
        if (arrived.peekFirst() == h) {
            arrived.pollFirst();
        }
    }

    /** Matches every record of {@code held} (in time order) against the store's new filter. */
    void rebuild(Held[] held) {
        reset();
        rescan = held;
        rescanLeft = held.length;
        schedule();
    }

    /** Forgets the work there was, and calls off the match in progress. */
    void reset() {
        generation++;
        arrived.clear();
        rescan = null;
        rescanLeft = 0;
    }

    boolean busy() {
        return matching == generation || !arrived.isEmpty() || rescan != null; // a batch called off does not count
    }

    /**
     * Whether the filter is applied: every record held when it was set has been matched. Records
     * arriving since are matched as they come, and under a flood some always wait; they are not
     * part of applying it.
     */
    boolean applied() {
        return rescan == null;
    }

    /** Records that ever arrived to be matched: a mark for {@link #settled}. */
    long arrivals() {
        return arrivedInAll;
    }

    /** How many of the {@link #arrivals} are done with: matched, called off or gone from the store. */
    long settled() {
        return arrivedInAll - arrived.size() - tailMatching;
    }

    FilterProgress progress() {
        if (!busy()) {
            return null;
        }
        int total = rescan == null ? 0 : rescan.length;
        return new FilterProgress(total - rescanLeft, total, arrived.size());
    }

    void stop() {
        stopped = true;
        reset();
        thread.shutdownNow();
    }

    private void schedule() {
        if (!scheduled && !stopped) {
            scheduled = true;
            thread.execute(this::work);
        }
    }

    // ---- the builder's thread

    private void work() {
        try {
            loop();
        } catch (RuntimeException | Error bug) {
            synchronized (store) { // so that the next record schedules a thread again
                scheduled = false;
                matching = -1;
                tailMatching = 0;
                store.notifyAll();
            }
            throw bug;
        }
    }

    private void loop() {
        boolean tailLast = false;
        while (true) {
            Held[] batch;
            boolean older;
            Filter f;
            long gen;
            synchronized (store) {
                gen = generation;
                f = store.filter();
                // The live tail and the records held before take turns, so that neither waits on the other.
                if (!arrived.isEmpty() && !(tailLast && rescan != null)) {
                    tailLast = true;
                    batch = new Held[Math.min(BATCH, arrived.size())];
                    for (int i = 0; i < batch.length; i++) {
                        batch[i] = arrived.pollFirst();
                    }
                    tailMatching = batch.length;
                    older = false;
                } else if (rescan != null) {
                    tailLast = false;
                    int from = Math.max(0, rescanLeft - BATCH);
                    batch = Arrays.copyOfRange(rescan, from, rescanLeft);
                    rescanLeft = from;
                    older = true;
                } else {
                    scheduled = false;
                    store.notifyAll(); // for awaitView
                    return;
                }
                matching = gen;
            }
            boolean[] shown = new boolean[batch.length];
            try {
                for (int i = 0; i < batch.length; i++) {
                    LogEntry e = batch[i].entry; // read again under the lock before it counts
                    shown[i] = e != null && matches(f, e, gen);
                }
            } catch (Scan.Cancelled c) {
                shown = null; // a new filter or a clear: its work is already waiting
            }
            synchronized (store) {
                matching = -1;
                tailMatching = 0;
                if (shown == null || gen != generation) {
                    continue;
                }
                if (older && rescanLeft == 0) {
                    rescan = null;
                }
                store.show(batch, shown, older);
            }
        }
    }

    private boolean matches(Filter f, LogEntry e, long gen) {
        try {
            return f.matches(e, () -> generation != gen);
        } catch (StackOverflowError tooDeep) {
            return false; // some regexes recurse once per character: a long message is then no match
        }
    }
}

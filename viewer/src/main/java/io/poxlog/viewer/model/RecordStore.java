package io.poxlog.viewer.model;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The viewer's records: at most {@code capacity} records and {@code maxBytes} bytes of them
 * ({@link LogEntry#retainedBytes}), the oldest dropped first, kept in time order across sources;
 * and the view, the records that pass the current {@link Filter}, kept up to date as records come
 * so that drawing a screen never scans the store.
 *
 * <p>A filter without a regex (level, source) is applied at once. One with a regex is matched by
 * a {@link ViewBuilder} on its own thread, because a regex can take any time: records arriving
 * are held at once and shown as soon as they are matched, and after a change the view refills
 * newest first while {@link #filterProgress} says how far it is. {@link #cancelFilter} goes back
 * to the last filter whose view was complete.
 *
 * <p>Thread-safe: subscription reader threads add, the UI thread reads, the builder fills the
 * view; every method that touches records locks the store, and none holds the lock for longer
 * than it takes to copy references. {@link #version} changes on every change, so the UI redraws
 * only when something changed, at its own pace, however fast records arrive.
 */
public final class RecordStore implements AutoCloseable {
    public static final int DEFAULT_CAPACITY = 100_000;
    /** The heap the records held may take, whatever their number: 1,500 records of 2 MB are 3 GB. */
    public static final long DEFAULT_MAX_BYTES = 256L << 20;
    /** Logger names remembered for the logger tree; a controller that sends more is broken or hostile. */
    public static final int MAX_LOGGERS = 10_000;

    private final EntryRing all;
    private final EntryRing view;
    private final long maxBytes;
    /** A hash set, not a sorted one: every record's logger is looked up here, under the lock. */
    private final Set<String> loggers = new HashSet<>();
    private final ViewBuilder builder = new ViewBuilder(this);
    private Filter filter = Filter.ALL;
    /** The last filter whose view was complete: where a cancelled filter goes back to. */
    private Filter complete = Filter.ALL;
    private long bytes;
    private volatile long version;
    private volatile long received;
    private volatile long dropped;

    public RecordStore(int capacity) {
        this(capacity, DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the heap the records may take ({@link #DEFAULT_MAX_BYTES}); at least one record is always held */
    public RecordStore(int capacity, long maxBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer must hold at least 1 record, not " + capacity);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("buffer must hold at least 1 byte, not " + maxBytes);
        }
        all = new EntryRing(capacity);
        view = new EntryRing(capacity);
        this.maxBytes = maxBytes;
    }

    public void add(LogEntry e) {
        Held h = new Held(e);
        synchronized (this) {
            version++;
            received++;
            if (e.isGapNotice()) {
                dropped += e.dropped();
            }
            if (loggers.size() < MAX_LOGGERS && !e.isMarker()) {
                loggers.add(e.logger());
            }
            int at = all.after(h.created);
            if (all.isFull()) {
                if (at == 0) {
                    return; // older than everything held, and no room: it is the one to drop
                }
                evictOldest();
                at--;
            }
            all.insert(at, h);
            bytes += h.bytes;
            while (bytes > maxBytes && all.size() > 1) {
                evictOldest();
            }
            if (h.entry == null) {
                return; // the oldest, and over the byte bound by itself
            }
            if (filter.hasRegex()) {
                builder.arrived(h);
            } else if (filter.matches(e)) {
                view.insert(view.after(h.created), h);
            }
        }
    }

    private void evictOldest() {
        Held h = all.removeFirst();
        bytes -= h.bytes;
        h.entry = null;
        if (view.first() == h) { // the view keeps the store's order: if shown, it is the first shown
            view.removeFirst();
        }
        builder.evicted(h);
    }

    /**
     * Shows only what passes {@code f}: at once for a filter without a regex; otherwise the view
     * empties and the builder refills it, newest first.
     */
    public synchronized void setFilter(Filter f) {
        filter = f;
        view.clear();
        version++;
        if (f.hasRegex()) {
            builder.rebuild(all.copy(0, all.size()));
            return;
        }
        builder.reset();
        for (int i = 0; i < all.size(); i++) {
            Held h = all.get(i);
            if (f.matches(h.entry)) {
                view.insert(view.size(), h);
            }
        }
        complete = f;
    }

    /** Goes back to the last filter whose view was complete; returns it. */
    public synchronized Filter cancelFilter() {
        Filter back = complete;
        setFilter(back);
        return back;
    }

    public synchronized Filter filter() {
        return filter;
    }

    /**
     * How far the view is with the current filter, records arriving included; null when it shows
     * everything that passes.
     */
    public synchronized FilterProgress filterProgress() {
        return builder.progress();
    }

    /**
     * Whether the current filter is applied: every record held when it was set has been matched
     * (records arriving since are matched as they come, and a flood always leaves some waiting).
     */
    public synchronized boolean filterApplied() {
        return builder.applied();
    }

    /**
     * Waits until the view is complete for the current filter and the records held now; false
     * when the time ran out. Not on the UI thread.
     */
    public synchronized boolean awaitView(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long arrivals = builder.arrivals();
        while (!builder.applied() || builder.settled() < arrivals) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** Called by the builder with a batch it matched: shows those it matched that are still held. */
    synchronized void show(Held[] batch, boolean[] shown, boolean older) {
        if (older) { // newest first, each before those shown already
            for (int i = batch.length - 1; i >= 0; i--) {
                if (shown[i] && batch[i].entry != null) {
                    view.insert(view.before(batch[i].created), batch[i]);
                }
            }
        } else {
            for (int i = 0; i < batch.length; i++) {
                if (shown[i] && batch[i].entry != null) {
                    view.insert(view.after(batch[i].created), batch[i]);
                }
            }
        }
        if (builder.applied()) {
            complete = filter;
        }
        version++;
        notifyAll();
    }

    /** Forgets every record held (the counters stay). */
    public synchronized void clear() {
        builder.reset();
        for (int i = 0; i < all.size(); i++) {
            all.get(i).entry = null;
        }
        all.clear();
        view.clear();
        bytes = 0;
        complete = filter; // nothing is held: the view is complete
        version++;
        notifyAll();
    }

    /** Stops the builder's thread; records can still be added, and are then shown unfiltered by regex. Safe twice. */
    @Override
    public synchronized void close() {
        builder.stop();
        notifyAll();
    }

    public long version() {
        return version;
    }

    /** Records received since start, including those since dropped from the buffer. */
    public long received() {
        return received;
    }

    /** Records the servers reported lost (gap notices), since start. */
    public long dropped() {
        return dropped;
    }

    public synchronized int size() {
        return all.size();
    }

    public int capacity() {
        return all.capacity();
    }

    /** The heap the records held take, by {@link LogEntry#retainedBytes}. */
    public synchronized long bytes() {
        return bytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public synchronized int viewSize() {
        return view.size();
    }

    /**
     * The shown record at {@code i}, or null when there is none: records arriving on other threads
     * can shrink the view (a full buffer dropping shown records) between a caller's calls.
     */
    public synchronized LogEntry viewGet(int i) {
        return i >= 0 && i < view.size() ? view.get(i).entry : null;
    }

    /** The shown records from index {@code from} (inclusive) to {@code to} (exclusive), clamped. */
    public synchronized List<LogEntry> viewRange(int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(view.size(), to);
        List<LogEntry> out = new ArrayList<>(Math.max(0, b - a));
        for (int i = a; i < b; i++) {
            out.add(view.get(i).entry);
        }
        return out;
    }

    /** Every shown record, oldest first: a copy of references, for scans done outside the lock. */
    public synchronized List<LogEntry> viewSnapshot() {
        return viewRange(0, view.size());
    }

    /**
     * The {@code created} of the newest record held from {@code source}, NaN when none is: where
     * a controller's disconnection is marked. Looked for from the newest back, rather than kept
     * for every record as it arrives.
     */
    public synchronized double newestCreated(String source) {
        for (int i = all.size() - 1; i >= 0; i--) {
            LogEntry e = all.get(i).entry;
            if (e != null && !e.isMarker() && e.source().equals(source)) {
                return e.created();
            }
        }
        return Double.NaN;
    }

    /** Logger names seen in records (at most {@link #MAX_LOGGERS}), in no order: the logger tree sorts them its own way. */
    public synchronized List<String> loggersSeen() {
        return new ArrayList<>(loggers);
    }

    /**
     * Where {@code e} now stands among the shown records: its index, or, when it is no longer
     * shown (dropped from the buffer, filtered out, cleared), the index of the first shown record
     * not older than it. {@code hint} is where it was last time; records only leave the front and
     * rarely arrive out of order, so the answer is usually found at once.
     */
    public synchronized int locate(LogEntry e, int hint) {
        int n = view.size();
        if (n == 0) {
            return 0;
        }
        if (hint >= 0 && hint < n && view.get(hint).entry == e) {
            return hint;
        }
        int lo = view.before(e.created());
        for (int i = lo; i < n && view.get(i).created == e.created(); i++) {
            if (view.get(i).entry == e) {
                return i;
            }
        }
        return Math.min(lo, n - 1);
    }
}

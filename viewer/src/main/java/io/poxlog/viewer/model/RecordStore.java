package io.poxlog.viewer.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The viewer's records: at most {@code capacity}, oldest dropped first, kept in time order across
 * sources, and the subsequence that passes the current {@link Filter}, maintained as records come
 * so that drawing a screen never scans the whole store.
 *
 * <p>Thread-safe: subscription reader threads add, the UI thread reads; every method locks the
 * store. {@link #version} changes on every change, so the UI redraws only when something changed,
 * at its own pace, however fast records arrive.
 */
public final class RecordStore {
    public static final int DEFAULT_CAPACITY = 100_000;

    private final EntryRing all;
    private final EntryRing view;
    private final Set<String> loggers = new TreeSet<>();
    private Filter filter = Filter.ALL;
    private volatile long version;
    private volatile long received;
    private volatile long dropped;

    public RecordStore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("buffer must hold at least 1 record, not " + capacity);
        }
        all = new EntryRing(capacity);
        view = new EntryRing(capacity);
    }

    public synchronized void add(LogEntry e) {
        version++;
        received++;
        if (e.isGapNotice()) {
            dropped += e.dropped();
        }
        loggers.add(e.logger());
        LogEntry last = all.last();
        LogEntry evicted;
        boolean inOrder = last == null || last.created() <= e.created();
        evicted = inOrder ? all.add(e) : all.insert(all.insertionPoint(e.created()), e);
        if (evicted != null && view.size() > 0 && view.get(0) == evicted) {
            view.removeFirst();
        }
        if (evicted != e && filter.matches(e)) {
            LogEntry vlast = view.last();
            if (vlast == null || vlast.created() <= e.created()) {
                view.add(e);
            } else {
                view.insert(view.insertionPoint(e.created()), e);
            }
        }
    }

    /** Shows only what passes {@code f}; recomputes the view from every record held. */
    public synchronized void setFilter(Filter f) {
        filter = f;
        view.clear();
        for (int i = 0; i < all.size(); i++) {
            LogEntry e = all.get(i);
            if (f.matches(e)) {
                view.add(e);
            }
        }
        version++;
    }

    public synchronized Filter filter() {
        return filter;
    }

    /** Forgets every record held (the counters stay). */
    public synchronized void clear() {
        all.clear();
        view.clear();
        version++;
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

    public synchronized int viewSize() {
        return view.size();
    }

    /**
     * The shown record at {@code i}, or null when there is none: records arriving on other threads
     * can shrink the view (a full buffer dropping shown records) between a caller's calls.
     */
    public synchronized LogEntry viewGet(int i) {
        return i >= 0 && i < view.size() ? view.get(i) : null;
    }

    /** The shown records from index {@code from} (inclusive) to {@code to} (exclusive), clamped. */
    public synchronized List<LogEntry> viewRange(int from, int to) {
        int a = Math.max(0, from);
        int b = Math.min(view.size(), to);
        List<LogEntry> out = new ArrayList<>(Math.max(0, b - a));
        for (int i = a; i < b; i++) {
            out.add(view.get(i));
        }
        return out;
    }

    public synchronized List<LogEntry> viewSnapshot() {
        return viewRange(0, view.size());
    }

    /** Logger names seen in records, sorted. */
    public synchronized List<String> loggersSeen() {
        return new ArrayList<>(loggers);
    }

    /**
     * The index of the next shown record, after (or before) {@code from}, whose logger or message
     * matches {@code p}; -1 when there is none. Wraps around once.
     */
    public synchronized int find(Pattern p, int from, boolean forward) {
        int n = view.size();
        for (int k = 1; k <= n; k++) {
            int i = Math.floorMod(forward ? from + k : from - k, n);
            LogEntry e = view.get(i);
            if (p.matcher(e.message()).find() || p.matcher(e.logger()).find()) {
                return i;
            }
        }
        return -1;
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
        if (hint >= 0 && hint < n && view.get(hint) == e) {
            return hint;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) { // first index whose record is not older than e
            int mid = (lo + hi) >>> 1;
            if (view.get(mid).created() < e.created()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < n && view.get(i).created() == e.created(); i++) {
            if (view.get(i) == e) {
                return i;
            }
        }
        return Math.min(lo, n - 1);
    }
}

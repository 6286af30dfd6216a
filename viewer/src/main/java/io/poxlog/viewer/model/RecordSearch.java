package io.poxlog.viewer.model;

import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import java.util.regex.Pattern;

/**
 * A search through a snapshot of the shown records ({@link RecordStore#viewSnapshot}), for the
 * viewer's {@code /}, {@code n} and {@code N}: run off the UI thread and outside the store's
 * lock, reporting progress and called off by its caller. One per search; not thread-safe.
 */
public final class RecordSearch {
    /** Records between two progress reports. */
    private static final int REPORT_EVERY = 1024;

    private final List<LogEntry> shown;
    private final Pattern pattern;

    public RecordSearch(List<LogEntry> shown, Pattern pattern) {
        this.shown = shown;
        this.pattern = pattern;
    }

    public int size() {
        return shown.size();
    }

    public LogEntry get(int i) {
        return shown.get(i);
    }

    /**
     * The index of the first record matching, checking {@code start} first and then each record
     * after it (or before it), wrapping around once; -1 when none matches. Reports how many it
     * has checked to {@code progress}; throws {@link Scan.Cancelled} once {@code cancelled} says so.
     */
    public int find(int start, boolean forward, IntConsumer progress, BooleanSupplier cancelled) {
        int n = shown.size();
        for (int k = 0; k < n; k++) {
            if (k % REPORT_EVERY == 0) {
                progress.accept(k);
                if (cancelled.getAsBoolean()) {
                    throw new Scan.Cancelled();
                }
            }
            int i = Math.floorMod(forward ? start + k : start - k, n);
            if (matches(shown.get(i), cancelled)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matches(LogEntry e, BooleanSupplier cancelled) {
        try {
            return !e.isMarker() && Scan.findIn(pattern, e, cancelled);
        } catch (StackOverflowError tooDeep) {
            return false; // some regexes recurse once per character: a long message is then no match
        }
    }

    /**
     * Where {@code e} stands in the snapshot: its index, or that of the first record not older
     * than it when it is not there; the newest for null.
     */
    public int indexOf(LogEntry e) {
        int n = shown.size();
        if (e == null || n == 0) {
            return n - 1;
        }
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (shown.get(mid).created() < e.created()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < n && shown.get(i).created() == e.created(); i++) {
            if (shown.get(i) == e) {
                return i;
            }
        }
        return Math.min(lo, n - 1);
    }
}

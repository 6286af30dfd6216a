package io.poxlog.viewer.tui;

/**
 * Records per second, from a running count sampled by the UI thread: the rate over the last
 * whole second, so the figure is steady enough to read. UI thread only.
 */
final class RateMeter {
    private static final long SECOND = 1_000_000_000L;

    private long windowStart = -1;
    private long countAtStart;
    private long rate;

    /** Takes a sample; returns true when the rate changed its window (worth a redraw). */
    boolean sample(long nanos, long count) {
        if (windowStart < 0) {
            windowStart = nanos;
            countAtStart = count;
            return false;
        }
        long elapsed = nanos - windowStart;
        if (elapsed < SECOND) {
            return false;
        }
        rate = Math.round((count - countAtStart) * (double) SECOND / elapsed);
        windowStart = nanos;
        countAtStart = count;
        return true;
    }

    long perSecond() {
        return rate;
    }
}

package io.poxlog.bench;

/**
 * How long a producer that is far enough ahead of its consumer waits before it looks at the lag
 * again: about the time the lag's fall so far says it needs to get down to the mark (first
 * {@link #MIN_NANOS}; never more than {@link #MAX_NANOS}). Looking again every few microseconds
 * instead woke the producer thousands of times a second, each wake CPU of its own and, on a VM, an
 * idle vCPU to run again (BENCHMARKS.md, "Changes of 2026-12-02"). One wait; one thread.
 */
final class DrainWait {
    /** The first wait, before the lag's rate of fall is known, and the shortest. */
    static final long MIN_NANOS = 20_000;
    /** The longest: however slow the consumer looked, the lag is looked at again this soon. */
    static final long MAX_NANOS = 1_000_000;

    private final long low;
    private final long startNanos = System.nanoTime();
    private final long startLag;

    /**
     * The wait of a producer {@code lag} records ahead of its consumer and allowed {@code window}:
     * none (null) while it is at most a window ahead; past that, until the consumer is within half
     * a window, which keeps half a window in flight while it waits. The end-to-end producer and the
     * raw ceiling's pusher both wait so, for the two to differ only by the log service.
     */
    static DrainWait ifAhead(long lag, long window) {
        return lag > window ? new DrainWait(lag, window / 2) : null;
    }

    /** A wait, from now, for a lag of {@code lag} to get down to {@code low}. */
    DrainWait(long lag, long low) {
        this.low = low;
        this.startLag = lag;
    }

    /** 0 once {@code lag} is down to the mark; otherwise how long to wait before looking again. */
    long next(long lag) {
        if (lag <= low) {
            return 0;
        }
        long fell = startLag - lag;
        if (fell <= 0) {
            return MIN_NANOS;
        }
        double nanosPerRecord = (double) (System.nanoTime() - startNanos) / fell;
        return Math.max(MIN_NANOS, Math.min(MAX_NANOS, (long) ((lag - low) * nanosPerRecord)));
    }

    /** The lag the wait began with. */
    long startLag() {
        return startLag;
    }

    /** The mark the lag is waited down to. */
    long low() {
        return low;
    }

    /** Nanoseconds since the wait began. */
    long elapsed() {
        return System.nanoTime() - startNanos;
    }
}

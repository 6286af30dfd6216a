package io.poxlog.logservice;

/**
 * How much of the log-service thread subscriptions' regexes may take (issue 11). RE2/J never
 * backtracks, but it has no DFA: a find costs up to the pattern's instructions times the text's
 * characters, tens of microseconds for an everyday case-insensitive pattern and milliseconds for
 * a large one over a long message. Each subscription runs its own, so a client with many
 * subscriptions and large patterns could otherwise take the thread that serves everyone.
 *
 * <p>So in every second each pattern may run for {@link #PER_PATTERN_NANOS} and all patterns
 * together for {@link #ALL_PATTERNS_NANOS}; past that, records are passed without running the
 * pattern, until the next second: nothing is lost, a client that relies on the filter filters
 * again on its side (pox-log filters every record it shows), and the thread keeps most of its
 * time for delivering records to everyone.
 *
 * <p>One budget per thread that runs patterns ({@link #current}), which is the log-service
 * thread; instances are not thread-safe.
 */
final class FilterBudget {
    static final long WINDOW_NANOS = 1_000_000_000L;
    /** What one pattern may take of each second: 10%. */
    static final long PER_PATTERN_NANOS = 100_000_000L;
    /** What all patterns together may take of each second: 25%. */
    static final long ALL_PATTERNS_NANOS = 250_000_000L;

    private static final ThreadLocal<FilterBudget> CURRENT = ThreadLocal.withInitial(FilterBudget::new);

    /** One pattern's share: the window it last ran in and what it spent there. */
    static final class Share {
        private long window = Long.MIN_VALUE;
        private long spent;
    }

    private long window = Long.MIN_VALUE;
    private long spent;

    static FilterBudget current() {
        return CURRENT.get();
    }

    /** Whether {@code share}'s pattern may run now, at {@code now} (System.nanoTime). */
    boolean allows(Share share, long now) {
        long w = now / WINDOW_NANOS;
        if (w != window) {
            window = w;
            spent = 0;
        }
        if (w != share.window) {
            share.window = w;
            share.spent = 0;
        }
        return spent < ALL_PATTERNS_NANOS && share.spent < PER_PATTERN_NANOS;
    }

    /** Counts a run that {@link #allows} let through. */
    void spend(Share share, long nanos) {
        spent += nanos;
        share.spent += nanos;
    }
}

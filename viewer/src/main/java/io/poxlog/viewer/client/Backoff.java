package io.poxlog.viewer.client;

import java.time.Duration;

/**
 * Reconnect delays: the first, then twice the last for every failure, up to the longest; back to
 * the first after a connection that proved itself. Client thread only.
 */
final class Backoff {
    private final long firstMillis;
    private final long maxMillis;
    private long nextMillis;

    Backoff(Duration first, Duration max) {
        this.firstMillis = first.toMillis();
        this.maxMillis = max.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The delay before the next attempt; the one after it doubles. */
    long next() {
        long d = nextMillis;
        nextMillis = Math.min(maxMillis, nextMillis * 2);
        return d;
    }

    void reset() {
        nextMillis = firstMillis;
    }
}

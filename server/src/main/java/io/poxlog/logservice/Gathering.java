package io.poxlog.logservice;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How the log-service thread lets records gather after a drain that found only a few. Taking each
 * record as soon as it is queued keeps that thread right behind the logging thread, and then
 * every log call waits for the queue's slots and the record's own memory to come back from the
 * service's core: 40 to 100 ns a call on the 2-core benchmark machine (BENCHMARKS.md), whenever
 * the service has little to do per record (no subscriber, or only stalled ones).
 *
 * <p>Parking, not spinning: a spinning thread also slows the logging thread on a core it shares.
 * Records logged meanwhile wait at most the park (under 0.1 ms on Linux) and need no wake-up, and
 * the park ends early if the service is stopped (it unparks its thread). Only with a queue of
 * {@link #MIN_QUEUE} or more, and where a park is short: not on Windows, which rounds it up to a
 * millisecond or more. Log-service thread only.
 */
final class Gathering {
    /** A drain that found fewer records than this was right behind the logging threads. */
    private static final int BELOW = 32;
    /** Asked of parkNanos; Linux's timer slack makes it about 90 us on the benchmark machine. */
    private static final long PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
    /**
     * The smallest queue that gathers. A park lets records pile up, at most one park's worth;
     * a queue of 4,096 holds what 45 million records a second would bring in 90 us, while a
     * small one could overflow and drop what the service would otherwise have taken in time.
     */
    private static final int MIN_QUEUE = 4096;
    /** A park longer than this does not gather. */
    private static final long MAX_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    /** Drains of fewer records than this gather; 0 for never. */
    private final int below;

    private Gathering(int below) {
        this.below = below;
    }

    /**
     * Decides for a queue of {@code queueSize}, on the service thread as it starts: how long a
     * park lasts depends on the OS, so it is measured rather than assumed.
     */
    static Gathering forQueue(int queueSize) {
        return new Gathering(queueSize >= MIN_QUEUE && typicalPark() <= MAX_PARK_NANOS ? BELOW : 0);
    }

    /** After a drain that found {@code drained} records: parks while more gather if they were few. */
    void afterDrain(int drained, Object blocker) {
        if (drained < below) {
            LockSupport.parkNanos(blocker, PARK_NANOS);
        }
    }

    /** How long a park really lasts here: the middle of three, for one may be cut short or preempted. */
    private static long typicalPark() {
        long[] took = new long[3];
        for (int i = 0; i < took.length; i++) {
            long t0 = System.nanoTime();
            LockSupport.parkNanos(PARK_NANOS);
            took[i] = System.nanoTime() - t0;
        }
        Arrays.sort(took);
        return took[1];
    }
}

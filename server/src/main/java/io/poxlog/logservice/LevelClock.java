package io.poxlog.logservice;

import io.poxlog.messenger.core.Nexus;
import java.time.Duration;
import java.util.concurrent.Future;

/**
 * Time for timed level changes ({@link TimedLevels}): a monotonic clock for deadlines, the wall
 * clock for the {@code until} clients are told, and a timer that runs a task on the thread level
 * commands run on, the nexus thread. Injected so that tests can move time by hand.
 */
interface LevelClock {
    /** Monotonic nanoseconds, for deadlines: a wall clock set back must not hold a revert up. */
    long nanoTime();

    /** The wall clock, for {@code until} (epoch time). */
    long currentTimeMillis();

    /**
     * Runs {@code task} on the nexus thread after {@code delay}; the returned action cancels it.
     * The task must not wait: the nexus thread serves everyone.
     */
    Runnable schedule(Runnable task, Duration delay);

    /** The system's clocks, and the nexus's timer. */
    static LevelClock of(Nexus nexus) {
        return new LevelClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public long currentTimeMillis() {
                return System.currentTimeMillis();
            }

            @Override
            public Runnable schedule(Runnable task, Duration delay) {
                Future<?> f = nexus.schedule(task, delay);
                return () -> f.cancel(false);
            }
        };
    }
}

package io.poxlog.logservice;

import io.poxlog.messenger.core.Nexus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Time moved by hand for timed level changes: {@link #advance} moves both clocks and runs the
 * timers that fall due, on the nexus thread, where the real timer runs them. Counts the timers
 * waiting, so a test can see that they do not pile up.
 */
final class ManualLevelClock implements LevelClock {
    /** The wall clock starts here: 2026-12-01T11:00:00Z. */
    static final long START_MILLIS = 1_796_122_800_000L;

    private final class Timer {
        final long at;
        final Runnable task;
        boolean cancelled;

        Timer(long at, Runnable task) {
            this.at = at;
            this.task = task;
        }
    }

    private final List<Timer> timers = new ArrayList<>();
    private long nanos = 1_000_000_000L;
    private long millis = START_MILLIS;
    private Nexus nexus;

    /** The nexus whose thread the timers run on (set before time is moved). */
    void runOn(Nexus n) {
        this.nexus = n;
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return millis;
    }

    @Override
    public synchronized Runnable schedule(Runnable task, Duration delay) {
        Timer t = new Timer(nanos + delay.toNanos(), task);
        timers.add(t);
        return () -> {
            synchronized (ManualLevelClock.this) {
                t.cancelled = true;
                timers.remove(t);
            }
        };
    }

    /** Timers set and not yet run or cancelled. */
    synchronized int waiting() {
        return timers.size();
    }

    /** Moves time on by {@code d}, running on the nexus thread what falls due, in order. */
    void advance(Duration d) throws Exception {
        nexus.call(() -> {
            long target;
            synchronized (this) {
                target = nanos + d.toNanos();
            }
            while (true) {
                Timer next;
                synchronized (this) {
                    next = timers.stream().filter(t -> t.at - target <= 0).min(Comparator.comparingLong(t -> t.at))
                            .orElse(null);
                    if (next == null) {
                        millis += (target - nanos) / 1_000_000;
                        nanos = target;
                        break;
                    }
                    timers.remove(next);
                    millis += (next.at - nanos) / 1_000_000;
                    nanos = Math.max(nanos, next.at);
                }
                next.task.run();
            }
            return null;
        }).get(10, TimeUnit.SECONDS);
    }
}

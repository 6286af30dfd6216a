package io.poxlog.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** Producer pacing for the benchmarks: wait until a lag falls below a window, or a deadline for a rate. */
final class Pace {
    private Pace() {
    }

    /**
     * Waits while {@code lag} is above {@code window}, parking rather than spinning: on a 2-core
     * machine a spinning producer takes the CPU the path it measures needs. The window is many
     * milliseconds of work deep, so a park's overshoot never starves the path.
     */
    static void below(LongSupplier lag, long window) {
        while (lag.getAsLong() > window) {
            LockSupport.parkNanos(20_000);
        }
    }

    /** Waits until {@code deadlineNanos} (System.nanoTime), parking when far, spinning when near. */
    static void until(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            if (left > 200_000) {
                LockSupport.parkNanos(left - 100_000);
            } else {
                Thread.onSpinWait();
            }
        }
    }

    /** Waits until the condition holds; fails after {@code timeoutMs}. */
    static void await(String what, long timeoutMs, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMs + " ms waiting until " + what);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }
}

package io.poxlog.bench;

import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/** Producer pacing for the benchmarks: wait until a lag falls below a window, or a deadline for a rate. */
final class Pace {
    private static final long SPIN_NANOS = 5_000;
    private static final long DRAIN_TIMEOUT_NANOS = 60_000_000_000L;

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

    /**
     * Waits, parked, until {@code wait} ends ({@link DrainWait#ifAhead}): until {@code lag} is down
     * to its mark, looking at it again when its fall so far says it should be there rather than
     * polling. Returns how many times it looked at the lag, the look that began the wait included.
     *
     * @throws IllegalStateException when the lag is still above the mark after {@link #DRAIN_TIMEOUT_NANOS}:
     *     a consumer that stopped, or records it will never have, fail the scenario rather than hang it
     */
    static int drain(DrainWait wait, LongSupplier lag) {
        return drain(wait, lag, DRAIN_TIMEOUT_NANOS);
    }

    /** {@link #drain(DrainWait, LongSupplier)}, failing after {@code timeoutNanos}. */
    static int drain(DrainWait wait, LongSupplier lag, long timeoutNanos) {
        long l = wait.startLag(); // the look that began the wait
        int looks = 1;
        long park;
        while ((park = wait.next(l)) > 0) {
            if (wait.elapsed() > timeoutNanos) {
                throw new IllegalStateException("the consumer is still " + l + " records behind after "
                        + timeoutNanos / 1_000_000 + " ms, waiting for " + wait.low());
            }
            LockSupport.parkNanos(park);
            l = lag.getAsLong();
            looks++;
        }
        return looks;
    }

    /**
     * Waits until {@code deadlineNanos} (System.nanoTime), parking, spinning only the last few
     * microseconds. A producer that spins through the 100 us between records at 10,000 a second
     * holds one of the machine's two cores and starves the path whose latency it measures, as an
     * application does not. A park that overshoots is harmless: deadlines are absolute, so the
     * rate holds on average, and each record is stamped when it is logged.
     */
    static void until(long deadlineNanos) {
        long left;
        while ((left = deadlineNanos - System.nanoTime()) > 0) {
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS);
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

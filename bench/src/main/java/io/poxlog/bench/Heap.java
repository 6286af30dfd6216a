package io.poxlog.bench;

import java.lang.management.ManagementFactory;
import java.util.concurrent.locks.LockSupport;

/** Heap in use, as the heap scenario and the soak measure it. */
final class Heap {
    private Heap() {
    }

    /**
     * Heap in use once it stops shrinking: what earlier work left behind (event loops still
     * shutting down, their caches) would otherwise be freed during a measurement and make a
     * difference of two readings meaningless, even negative. Gives up settling after 10 s.
     */
    static long settledUsed() {
        long deadline = System.nanoTime() + 10_000_000_000L;
        long last = usedAfterGc();
        while (System.nanoTime() < deadline) {
            long now = usedAfterGc();
            if (Math.abs(now - last) < 64 * 1024) {
                return now;
            }
            last = now;
            LockSupport.parkNanos(100_000_000);
        }
        return last;
    }

    /** Heap in use after three full collections. */
    static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}

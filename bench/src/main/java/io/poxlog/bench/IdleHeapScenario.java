package io.poxlog.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 7, {@code heap_bytes_per_idle_subscriber}: heap in use after 1,000 subscribers have
 * connected and joined, less before, per subscriber. The clients live in this JVM too (plain
 * sockets with no reading thread), so the figure is an upper bound for the server's share.
 */
final class IdleHeapScenario {
    private static final int COUNT = 1000;

    Map<String, Object> run() throws Exception {
        try (BenchController c = BenchController.withMessenger()) {
            CountingSubscriber warm = new CountingSubscriber(c.address(), ",\"json\":true", true, null);
            warm.awaitSubscribed();
            warm.close();
            long before = settledHeap();
            List<CountingSubscriber> subs = new ArrayList<>();
            try {
                for (int i = 0; i < COUNT; i++) {
                    subs.add(new CountingSubscriber(c.address(), ",\"json\":true", false, null));
                }
                // All joined: one more subscriber's confirmed join comes after theirs.
                CountingSubscriber last = new CountingSubscriber(c.address(), ",\"json\":true", true, null);
                last.awaitSubscribed();
                Pace.await("joins processed", 30_000, () -> c.service.queued() == 0);
                long after = usedAfterGc();
                last.close();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("heap_bytes_per_idle_subscriber", (after - before) / COUNT);
                return out;
            } finally {
                for (CountingSubscriber s : subs) {
                    s.close();
                }
            }
        }
    }

    /**
     * Heap in use once it stops shrinking: what earlier scenarios left behind (event loops still
     * shutting down, their caches) would otherwise be freed during the measurement and make the
     * difference meaningless, even negative.
     */
    private static long settledHeap() {
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

    private static long usedAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }
}

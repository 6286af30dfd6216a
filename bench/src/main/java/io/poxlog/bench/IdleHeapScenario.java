package io.poxlog.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7, {@code heap_bytes_per_idle_subscriber}: heap in use after 1,000 subscribers have
 * connected and joined, less before, per subscriber. The clients live in this JVM too (plain
 * sockets with no reading thread), so the figure is an upper bound for the server's share.
 */
final class IdleHeapScenario {
    private final int count;

    IdleHeapScenario(boolean quick) {
        this.count = 1000;
    }

    Map<String, Object> run() throws Exception {
        try (BenchController c = BenchController.withMessenger()) {
            CountingSubscriber warm = new CountingSubscriber(c.address(), ",\"json\":true", true, null);
            warm.awaitSubscribed();
            warm.close();
            long before = usedAfterGc();
            List<CountingSubscriber> subs = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    subs.add(new CountingSubscriber(c.address(), ",\"json\":true", false, null));
                }
                // All joined: one more subscriber's confirmed join comes after theirs.
                CountingSubscriber last = new CountingSubscriber(c.address(), ",\"json\":true", true, null);
                last.awaitSubscribed();
                Pace.await("joins processed", 30_000, () -> c.service.queued() == 0);
                long after = usedAfterGc();
                last.close();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("heap_bytes_per_idle_subscriber", Math.max(0, (after - before) / count));
                return out;
            } finally {
                for (CountingSubscriber s : subs) {
                    s.close();
                }
            }
        }
    }

    private static long usedAfterGc() {
        MemoryMXBean m = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return m.getHeapMemoryUsage().getUsed();
    }
}

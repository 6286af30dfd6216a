package io.poxlog.bench;

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
    private static final int COUNT = 1000;

    Map<String, Object> run() throws Exception {
        try (BenchController c = BenchController.withMessenger()) {
            CountingSubscriber warm = new CountingSubscriber(c.address(), Subscribers.JSON, true, null);
            warm.awaitSubscribed();
            warm.close();
            long before = Heap.settledUsed();
            List<CountingSubscriber> subs = new ArrayList<>();
            try {
                for (int i = 0; i < COUNT; i++) {
                    subs.add(new CountingSubscriber(c.address(), Subscribers.JSON, false, null));
                }
                // All joined: one more subscriber's confirmed join comes after theirs.
                CountingSubscriber last = new CountingSubscriber(c.address(), Subscribers.JSON, true, null);
                last.awaitSubscribed();
                Pace.await("joins processed", 30_000, () -> c.service.queued() == 0);
                long after = Heap.usedAfterGc();
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
}

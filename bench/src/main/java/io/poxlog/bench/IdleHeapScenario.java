package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7, {@code heap_bytes_per_idle_subscriber}: heap in use after 1,000 subscribers have
 * connected and joined, less before, per subscriber. The clients live in this JVM too (plain
 * sockets with no reading thread), so the figure is an upper bound for the server's share.
 *
 * <p>The heap is also read once they have all gone, and the lower of the two readings without
 * them is the baseline: what earlier work left behind can be freed while they connect (a run
 * once measured 8 MB less with the subscribers than before them, a negative figure).
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
                long with = Heap.usedAfterGc();
                last.close();
                closeAll(subs);
                long gone = Heap.settledUsed();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("heap_bytes_per_idle_subscriber", (with - Math.min(before, gone)) / COUNT);
                return out;
            } finally {
                closeAll(subs);
            }
        }
    }

    private static void closeAll(List<CountingSubscriber> subs) throws java.io.IOException {
        for (CountingSubscriber s : subs) {
            s.close();
        }
        subs.clear();
    }
}

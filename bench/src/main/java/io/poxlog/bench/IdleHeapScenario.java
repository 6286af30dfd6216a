package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7, {@code heap_bytes_per_idle_subscriber} and {@code heap_bytes_per_idle_ws_subscriber}:
 * heap in use after 1,000 subscribers (TCP, then WebSocket) have connected and joined, less
 * before, per subscriber. The clients live in this JVM too (plain sockets with no reading
 * thread), so the figure is an upper bound for the server's share.
 *
 * <p>The heap is also read once they have all gone, and the lower of the two readings without
 * them is the baseline: what earlier work left behind can be freed while they connect (a run
 * once measured 8 MB less with the subscribers than before them, a negative figure).
 */
final class IdleHeapScenario {
    private static final int COUNT = 1000;

    /** Opens one idle subscriber of the controller. */
    private interface Idle {
        AutoCloseable open(BenchController c) throws Exception;
    }

    /** Opens one reading subscriber and waits until its join is confirmed. */
    private interface Reading {
        RecordCounter open(BenchController c) throws Exception;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (BenchController c = BenchController.withMessenger()) {
            out.put("heap_bytes_per_idle_subscriber", perSubscriber(c,
                    k -> new CountingSubscriber(k.address(), Subscribers.JSON, false, null),
                    k -> new CountingSubscriber(k.address(), Subscribers.JSON, true, null)));
        }
        try (BenchController c = BenchController.withWebSocket()) {
            out.put("heap_bytes_per_idle_ws_subscriber", perSubscriber(c,
                    k -> new IdleWsSubscriber(k.wsUri(), Subscribers.JSON, false),
                    k -> WsSubscriber.connect(k.wsUri(), Subscribers.JSON, null)));
        }
        return out;
    }

    private static long perSubscriber(BenchController c, Idle idle, Reading reading) throws Exception {
        // One subscriber first, so that what the first one alone sets up (the client's event
        // loop, buffer pools) is in the baseline.
        RecordCounter warm = reading.open(c);
        warm.awaitSubscribed();
        warm.close();
        long before = Heap.settledUsed();
        List<AutoCloseable> subs = new ArrayList<>();
        try {
            for (int i = 0; i < COUNT; i++) {
                subs.add(idle.open(c));
            }
            // All joined: one more subscriber's confirmed join comes after theirs.
            RecordCounter last = reading.open(c);
            last.awaitSubscribed();
            Pace.await("joins processed", 30_000, () -> c.service.queued() == 0);
            long with = Heap.usedAfterGc();
            last.close();
            closeAll(subs);
            long gone = Heap.settledUsed();
            return (with - Math.min(before, gone)) / COUNT;
        } finally {
            closeAll(subs);
        }
    }

    private static void closeAll(List<AutoCloseable> subs) throws Exception {
        for (AutoCloseable s : subs) {
            s.close();
        }
        subs.clear();
    }
}

package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Scenario 1, {@code log_call_ns}: what one log call costs the application's thread, median and
 * p99, for plain logback (baseline) and with the log service and 1, 1 stalled, or 100
 * subscribers; with 1 and 2 logging threads. Calls come in bursts of 1,000 with a pause for the
 * service to drain, so the figure is the cost of a call, not of a full queue.
 */
final class LogCallScenario {
    private final int calls;

    LogCallScenario(boolean quick) {
        this.calls = quick ? 40_000 : 400_000;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int threads : new int[] {1, 2}) {
            String t = threads == 1 ? "" : "_" + threads + "threads";
            try (BenchController c = BenchController.baseline()) {
                put(out, "baseline" + t, measure(c, threads));
            }
            try (BenchController c = BenchController.withMessenger();
                 CountingSubscriber s = new CountingSubscriber(c.address(), ",\"json\":true", true, null)) {
                s.awaitSubscribed();
                put(out, "1sub" + t, measure(c, threads));
            }
            try (BenchController c = BenchController.withMessenger()) {
                CountingSubscriber probe = new CountingSubscriber(c.address(), "", true, null);
                probe.awaitSubscribed();
                try (CountingSubscriber stalled = new CountingSubscriber(c.address(), ",\"json\":true", false, null)) {
                    probe.close();
                    put(out, "stalled_sub" + t, measure(c, threads));
                }
            }
            if (threads == 1) {
                try (BenchController c = BenchController.withMessenger()) {
                    List<CountingSubscriber> subs = new ArrayList<>();
                    try {
                        for (int i = 0; i < 100; i++) {
                            subs.add(new CountingSubscriber(c.address(), ",\"json\":true", true, null));
                        }
                        for (CountingSubscriber s : subs) {
                            s.awaitSubscribed();
                        }
                        put(out, "100sub", measure(c, threads));
                    } finally {
                        for (CountingSubscriber s : subs) {
                            s.close();
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void put(Map<String, Object> out, String name, Percentiles p) {
        out.put("log_call_ns_median_" + name, p.at(0.5));
        out.put("log_call_ns_p99_" + name, p.at(0.99));
    }

    private Percentiles measure(BenchController c, int threads) throws Exception {
        Percentiles all = new Percentiles(calls * threads);
        run(c, threads, calls / 4, null); // warm-up, not recorded
        run(c, threads, calls, all);
        return all;
    }

    private static void run(BenchController c, int threads, int calls, Percentiles into) throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Percentiles> parts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            Percentiles p = new Percentiles(calls);
            parts.add(p);
            Thread w = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    c.logger.info("[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}", i & 7, i);
                    p.add(System.nanoTime() - t0);
                    if ((i % 1000) == 999 && c.service != null) {
                        Pace.below(c.service::queued, 100);
                    }
                }
            }, "bench-logger-" + t);
            workers.add(w);
            w.start();
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        if (into != null) {
            for (Percentiles p : parts) {
                for (int i = 0; i < p.count(); i++) {
                    into.add(p.sample(i));
                }
            }
        }
    }
}

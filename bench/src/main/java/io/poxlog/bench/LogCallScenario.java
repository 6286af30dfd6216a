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
    /** Enough calls for C2 to compile the whole logging path before anything is recorded. */
    private final int jitWarmUpCalls;
    private final int calls;

    LogCallScenario(boolean quick) {
        // --quick keeps the whole suite within a minute even when the machine is busy.
        this.calls = quick ? 20_000 : 500_000;
        this.jitWarmUpCalls = quick ? 100_000 : 200_000;
    }

    Map<String, Object> run() throws Exception {
        warmUpJit();
        Map<String, Object> out = new LinkedHashMap<>();
        for (int threads : new int[] {1, 2}) {
            String t = threads == 1 ? "" : "_" + threads + "threads";
            try (BenchController c = BenchController.baseline()) {
                put(out, "baseline" + t, measure(c, threads));
            }
            try (BenchController c = BenchController.withMessenger();
                 Subscribers subs = Subscribers.connect(c.address(), 1, Subscribers.JSON, null)) {
                put(out, "1sub" + t, measure(c, threads));
            }
            try (BenchController c = BenchController.withMessenger();
                 CountingSubscriber stalled = new CountingSubscriber(c.address(), Subscribers.JSON, false, null)) {
                fillUntilStalled(c);
                put(out, "stalled_sub" + t, measure(c, threads));
            }
            if (threads == 1) {
                try (BenchController c = BenchController.withMessenger();
                     Subscribers subs = Subscribers.connect(c.address(), 100, Subscribers.JSON, null)) {
                    put(out, "100sub", measure(c, threads));
                }
            }
        }
        return out;
    }

    /** Compiles both paths (plain logback, and the log service with a subscriber) before any figure. */
    private void warmUpJit() throws Exception {
        try (BenchController c = BenchController.baseline()) {
            run(c, 1, jitWarmUpCalls);
        }
        try (BenchController c = BenchController.withMessenger();
             Subscribers subs = Subscribers.connect(c.address(), 1, Subscribers.JSON, null)) {
            run(c, 1, jitWarmUpCalls);
        }
    }

    /**
     * Logs until the service reports skipping the subscriber that never reads: only then is it
     * joined and its connection full, so that what follows measures logging beside a stalled
     * subscriber rather than beside one still being written to.
     */
    private static void fillUntilStalled(BenchController c) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (long i = 0; c.service.droppedForSlowSubscribers() == 0; i++) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the subscriber that never reads was never skipped within 30 s");
            }
            c.logPacketIn(i);
            if ((i % 1000) == 999) {
                Pace.below(c.service::queued, 100);
            }
        }
    }

    private static void put(Map<String, Object> out, String name, Percentiles p) {
        out.put("log_call_ns_median_" + name, p.at(0.5));
        out.put("log_call_ns_p99_" + name, p.at(0.99));
    }

    private Percentiles measure(BenchController c, int threads) throws Exception {
        run(c, threads, calls / 5); // not recorded: this controller's queue, buffers and connections warm up
        return Percentiles.merge(run(c, threads, calls));
    }

    private static Percentiles[] run(BenchController c, int threads, int calls) throws Exception {
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
                    c.logPacketIn(i);
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
        return parts.toArray(new Percentiles[0]);
    }
}

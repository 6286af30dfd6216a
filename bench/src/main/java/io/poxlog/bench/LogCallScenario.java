package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Scenario 1, {@code log_call_ns}: what one log call costs the application's thread, median and
 * p99, for plain logback (baseline) and with the log service beside 1 subscriber, 1 stalled TCP
 * subscriber, 1 stalled WebSocket subscriber and 100 subscribers; with 1 and 2 logging threads.
 * Calls come in bursts of 1,000 with a pause for the service to drain, and for the case's readers
 * (if any read) to have every record of the burst, so the figure is the cost of a call beside an
 * idle log path, not of a full queue nor of the last burst's writes and reads sharing two cores.
 *
 * <p>The cases are compared, so they run interleaved: every controller is set up first, then
 * each round measures every case in turn. The comparisons are per round (the difference of two
 * medians, or their ratio), reported as the median over the rounds with its min and max.
 */
final class LogCallScenario {
    /** Enough calls for C2 to compile the whole logging path before anything is recorded. */
    private final int jitWarmUpCalls;
    private final int callsPerRound;
    private final int rounds;

    LogCallScenario(boolean quick) {
        // --quick keeps the whole suite within a minute even when the machine is busy.
        this.rounds = quick ? 3 : 5;
        this.callsPerRound = (quick ? 30_000 : 500_000) / rounds;
        this.jitWarmUpCalls = quick ? 100_000 : 200_000;
    }

    /** One case: a controller, and how many threads log into it. */
    private record Case(String name, BenchController controller, int threads, Subscribers readers) {
    }

    Map<String, Object> run() throws Exception {
        warmUpJit();
        List<AutoCloseable> open = new ArrayList<>();
        try {
            BenchController baseline = keep(open, BenchController.baseline());
            BenchController one = keep(open, BenchController.withMessenger());
            Subscribers oneReader = keep(open, Subscribers.connect(one.address(), 1, Subscribers.JSON, null));
            BenchController stalled = keep(open, BenchController.withMessenger());
            keep(open, new CountingSubscriber(stalled.address(), Subscribers.JSON, false, null));
            fillUntilStalled(stalled);
            BenchController stalledWs = keep(open, BenchController.withWebSocket());
            keep(open, new IdleWsSubscriber(stalledWs.wsUri(), Subscribers.JSON, true));
            fillUntilStalled(stalledWs);
            BenchController hundred = keep(open, BenchController.withMessenger());
            Subscribers hundredReaders = keep(open, Subscribers.connect(hundred.address(), 100, Subscribers.JSON, null));
            List<Case> cases = List.of(new Case("baseline", baseline, 1, null), new Case("1sub", one, 1, oneReader),
                    new Case("stalled_sub", stalled, 1, null), new Case("stalled_ws_sub", stalledWs, 1, null),
                    new Case("100sub", hundred, 1, hundredReaders),
                    new Case("baseline_2threads", baseline, 2, null), new Case("1sub_2threads", one, 2, oneReader),
                    new Case("stalled_sub_2threads", stalled, 2, null));
            // Not recorded: each controller's queue, buffers and connections warm up, and again until
            // the JIT is quiet. In a suite's first run C2 was still compiling the service's path
            // during the rounds, a third thread on the two cores, and 1sub's median of rounds was
            // 60 ns over the baseline in the first of three runs, twice, and 20 to 30 in the others.
            int passes = Jit.warmUntilQuiet(() -> {
                for (Case c : cases) {
                    run(c, callsPerRound / 5);
                }
            });
            Map<String, List<Percentiles>> all = new LinkedHashMap<>();
            Map<String, double[]> medians = new LinkedHashMap<>();
            for (Case c : cases) {
                all.put(c.name, new ArrayList<>());
                medians.put(c.name, new double[rounds]);
            }
            for (int r = 0; r < rounds; r++) {
                for (Case c : cases) {
                    run(c, callsPerRound / 10); // the caches are this case's again: not recorded
                    Percentiles p = Percentiles.merge(run(c, callsPerRound));
                    all.get(c.name).add(p);
                    medians.get(c.name)[r] = p.at(0.5);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Case c : cases) {
                Percentiles p = Percentiles.merge(all.get(c.name).toArray(new Percentiles[0]));
                out.put("log_call_ns_median_" + c.name, p.at(0.5));
                out.put("log_call_ns_p99_" + c.name, p.at(0.99));
            }
            double[] base = medians.get("baseline");
            double[] oneSub = medians.get("1sub");
            out.put("log_call_1sub_minus_baseline_ns", Spread.differences(oneSub, base).rounded(1));
            out.put("log_call_stalled_sub_minus_baseline_ns", Spread.differences(medians.get("stalled_sub"), base).rounded(1));
            out.put("log_call_stalled_sub_over_1sub", Spread.ratios(medians.get("stalled_sub"), oneSub).rounded(3));
            out.put("log_call_stalled_ws_sub_over_1sub", Spread.ratios(medians.get("stalled_ws_sub"), oneSub).rounded(3));
            out.put("log_call_rounds", (long) rounds);
            out.put("log_call_warm_passes", (long) passes);
            return out;
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                open.get(i).close();
            }
        }
    }

    private static <T extends AutoCloseable> T keep(List<AutoCloseable> open, T resource) {
        open.add(resource);
        return resource;
    }

    /** Compiles both paths (plain logback, and the log service with a subscriber) before any figure. */
    private void warmUpJit() throws Exception {
        try (BenchController c = BenchController.baseline()) {
            run(new Case("warm-up", c, 1, null), jitWarmUpCalls);
        }
        try (BenchController c = BenchController.withMessenger();
             Subscribers subs = Subscribers.connect(c.address(), 1, Subscribers.JSON, null)) {
            run(new Case("warm-up", c, 1, subs), jitWarmUpCalls);
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

    private static Percentiles[] run(Case k, int calls) throws Exception {
        BenchController c = k.controller;
        int threads = k.threads;
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
                        if (k.readers != null) {
                            Pace.below(() -> c.service.published() - k.readers.leastSeq(), 100);
                        }
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

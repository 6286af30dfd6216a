package io.poxlog.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenarios 3 and 4: deliveries per second to 100 subscribers, and latency from the log call to
 * the subscriber at 10,000 records per second with 10 subscribers (end to end to one subscriber
 * is {@link TransportRounds}, interleaved with what it is compared to). The producer is paced by
 * how far the slowest subscriber lags (a window), so the figure is what the whole path sustains
 * with nothing lost.
 */
final class ThroughputScenarios {
    private static final int LATENCY_RATE = 10_000;
    private final long millis;
    private final long warmUpMillis;

    ThroughputScenarios(boolean quick) {
        this.millis = quick ? 3_000 : 10_000;
        this.warmUpMillis = quick ? 1_000 : 3_000;
    }

    Map<String, Object> fanout() throws Exception {
        try (BenchController c = BenchController.withMessenger();
             Subscribers subs = Subscribers.connect(c.address(), 100, Subscribers.JSON, null)) {
            Flood f = flood(c, subs, 5_000);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("fanout_100sub_deliveries_per_s", Math.round(f.perSecond * subs.all.size()));
            out.put("fanout_100sub_cpu_ns_per_delivery", Math.round(f.cpuNanosPerRecord / subs.all.size()));
            out.put("fanout_100sub_subscriber_cpu_ns_per_delivery",
                    Math.round(f.subscriberCpuNanosPerRecord / subs.all.size()));
            out.put("fanout_100sub_lost", subs.lost());
            return out;
        }
    }

    Map<String, Object> latency() throws Exception {
        int n = (int) (millis * LATENCY_RATE / 1000);
        int pacedWarmUp = (int) (warmUpMillis * LATENCY_RATE / 1000);
        Percentiles[] lat = new Percentiles[10];
        // Records stamped before this instant are the warm-up's: delivered, not recorded.
        AtomicLong measuredFrom = new AtomicLong(Long.MAX_VALUE);
        long lost;
        try (BenchController c = BenchController.withMessenger();
             Subscribers subs = Subscribers.connect(c.address(), lat.length, Subscribers.JSON, i -> {
                 lat[i] = new Percentiles(n);
                 return (stamp, received) -> {
                     if (stamp >= measuredFrom.get()) {
                         lat[i].add(received - stamp);
                     }
                 };
             })) {
            // The warm-up logs the measured kind of record: first as fast as the subscribers
            // take them, then at the rate. Run alone, the scenario otherwise measures C2
            // compiling the path (at 10,000 a second the messenger writes from outside its event
            // loop, a path a flood hardly takes) and the first records of each new branch.
            long logged = warmUpFlood(c, subs);
            paced(c, pacedWarmUp);
            measuredFrom.set(System.nanoTime());
            paced(c, n);
            // This controller numbers only these records, from 1: the last measured one's seq
            // is the count of all of them.
            lost = subs.awaitSeqOrQuiet(logged + pacedWarmUp + n, 3_000, 60_000);
        }
        Percentiles all = Percentiles.merge(lat);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("latency_ms_p50", all.at(0.5) / 1e6);
        out.put("latency_ms_p99", all.at(0.99) / 1e6);
        out.put("latency_samples", (long) all.count());
        // Records a subscriber never got (the server skipped it while it lagged, at the end too): no sample for them.
        out.put("latency_lost", lost);
        return out;
    }

    /**
     * Stamped records as fast as the slowest subscriber takes them, for the warm-up time; returns
     * how many, once every subscriber has them all.
     */
    private long warmUpFlood(BenchController c, Subscribers subs) {
        Flooder f = new Flooder(subs::slowest, 5_000, i -> stamped(c, i));
        f.until(System.nanoTime() + warmUpMillis * 1_000_000);
        subs.awaitSeq(f.sent(), 30_000);
        return f.sent();
    }

    /** Logs {@code n} stamped records at LATENCY_RATE a second. */
    private static void paced(BenchController c, int n) {
        long interval = 1_000_000_000L / LATENCY_RATE;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Pace.until(start + i * interval);
            stamped(c, i);
        }
    }

    /** A record whose message carries System.nanoTime at the call: {@code t=<nanos>}. */
    private static void stamped(BenchController c, long i) {
        c.logger.info("rec {} t={}", i, System.nanoTime());
    }

    /**
     * Logs as fast as the slowest subscriber allows (never more than {@code window} ahead of it)
     * for the scenario's time, after a warm-up; returns records per second received by the slowest
     * subscriber, and the process's CPU time per record.
     */
    private Flood flood(BenchController c, Subscribers subs, long window) {
        Flooder f = new Flooder(subs::slowest, window, c::logPacketIn);
        f.until(System.nanoTime() + warmUpMillis * 1_000_000);
        long base = subs.slowest();
        long cpu0 = ProcessCpu.nanos();
        long subCpu0 = ReadLoop.allCpuNanos();
        ThreadCpu threads = ThreadCpu.ifAsked();
        long t0 = System.nanoTime();
        f.until(t0 + millis * 1_000_000);
        long received = subs.slowest() - base;
        if (threads != null) {
            threads.print(received * subs.all.size(), "delivery");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = ProcessCpu.nanos() - cpu0;
        long subCpu = ReadLoop.allCpuNanos() - subCpu0;
        subs.awaitSeq(c.service.published(), 60_000);
        return new Flood(received / seconds, (double) cpu / received, (double) subCpu / received);
    }

    /**
     * What a flood measured: records per second to the slowest subscriber, the whole process's CPU
     * time per record, and the part of it the subscribers' reading thread used (parsing, and the
     * kernel's work for its reads), which a subscriber on another machine would not cost.
     */
    record Flood(double perSecond, double cpuNanosPerRecord, double subscriberCpuNanosPerRecord) {
    }
}

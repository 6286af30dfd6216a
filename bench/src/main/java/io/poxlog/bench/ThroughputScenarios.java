package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scenarios 2, 3 and 4: records per second delivered end to end to one subscriber that keeps up,
 * deliveries per second to 100 subscribers, and latency from the log call to the subscriber at
 * 10,000 records per second with 10 subscribers. The producer is paced by how far the slowest
 * subscriber lags (a window), so the figure is what the whole path sustains with nothing lost.
 */
final class ThroughputScenarios {
    private static final String JSON = ",\"json\":true";
    private final long millis;

    ThroughputScenarios(boolean quick) {
        this.millis = quick ? 3_000 : 10_000;
    }

    Map<String, Object> e2eOneSubscriber() throws Exception {
        try (BenchController c = BenchController.withMessenger();
             CountingSubscriber s = new CountingSubscriber(c.address(), JSON, true, null)) {
            s.awaitSubscribed();
            double rate = flood(c, List.of(s), 4_096);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("e2e_1sub_records_per_s", Math.round(rate));
            out.put("e2e_1sub_lost", s.lost());
            out.put("e2e_1sub_unreported_losses", s.unreported());
            return out;
        }
    }

    Map<String, Object> fanout() throws Exception {
        try (BenchController c = BenchController.withMessenger()) {
            List<CountingSubscriber> subs = new ArrayList<>();
            try {
                for (int i = 0; i < 100; i++) {
                    subs.add(new CountingSubscriber(c.address(), JSON, true, null));
                }
                for (CountingSubscriber s : subs) {
                    s.awaitSubscribed();
                }
                double rate = flood(c, subs, 5_000);
                long lost = subs.stream().mapToLong(CountingSubscriber::lost).sum();
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("fanout_100sub_deliveries_per_s", Math.round(rate * subs.size()));
                out.put("fanout_100sub_lost", lost);
                return out;
            } finally {
                for (CountingSubscriber s : subs) {
                    s.close();
                }
            }
        }
    }

    Map<String, Object> latency() throws Exception {
        try (BenchController c = BenchController.withMessenger()) {
            List<CountingSubscriber> subs = new ArrayList<>();
            Percentiles[] lat = new Percentiles[10];
            try {
                for (int i = 0; i < 10; i++) {
                    Percentiles p = new Percentiles((int) (millis * 10) + 10_000);
                    lat[i] = p;
                    subs.add(new CountingSubscriber(c.address(), JSON, true, p::add));
                }
                for (CountingSubscriber s : subs) {
                    s.awaitSubscribed();
                }
                long n = millis * 10; // 10,000 per second
                long start = System.nanoTime();
                for (long i = 0; i < n; i++) {
                    Pace.until(start + i * 100_000);
                    c.logger.info("rec {} t={}", i, System.nanoTime());
                }
                long last = c.service.published();
                for (CountingSubscriber s : subs) {
                    Pace.await("subscribers caught up", 30_000, () -> s.maxSeq() >= last);
                }
            } finally {
                for (CountingSubscriber s : subs) {
                    s.close();
                }
            }
            Percentiles all = new Percentiles(lat.length * lat[0].count() + 1);
            for (Percentiles p : lat) {
                for (int i = 0; i < p.count(); i++) {
                    all.add(p.sample(i));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("latency_ms_p50", all.at(0.5) / 1e6);
            out.put("latency_ms_p99", all.at(0.99) / 1e6);
            return out;
        }
    }

    /**
     * Logs as fast as the slowest subscriber allows (never more than {@code window} ahead of it)
     * for the scenario's time, after a second of warm-up; returns records per second received.
     */
    private double flood(BenchController c, List<CountingSubscriber> subs, long window) {
        long sent = 0;
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) {
            sent = burst(c, subs, window, sent);
        }
        long base = slowest(subs);
        long t0 = System.nanoTime();
        long end = t0 + millis * 1_000_000;
        while (System.nanoTime() < end) {
            sent = burst(c, subs, window, sent);
        }
        long received = slowest(subs) - base;
        double seconds = (System.nanoTime() - t0) / 1e9;
        long last = c.service.published();
        for (CountingSubscriber s : subs) {
            Pace.await("subscribers caught up", 60_000, () -> s.maxSeq() >= last);
        }
        return received / seconds;
    }

    private static long burst(BenchController c, List<CountingSubscriber> subs, long window, long sent) {
        long lagBase = sent;
        Pace.below(() -> lagBase - slowest(subs), window);
        for (int i = 0; i < 256; i++) {
            c.logger.info("[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}", i & 7, sent + i);
        }
        return sent + 256;
    }

    private static long slowest(List<CountingSubscriber> subs) {
        long min = Long.MAX_VALUE;
        for (CountingSubscriber s : subs) {
            min = Math.min(min, s.records());
        }
        return min;
    }
}

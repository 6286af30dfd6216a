package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoublePredicate;

/**
 * The readable tables of {@code bin/bench}: one run's figures with the targets beside them, and
 * for {@code --repeat} each figure's median, min and max over the runs with how many runs met
 * its target. A compared figure ({@link Spread}) is judged by its median over the rounds.
 */
final class Report {
    /** One target: the figure it judges, as the report says it, and the test. */
    record Target(String figure, String text, DoublePredicate ok) {
    }

    static final List<Target> TARGETS = List.of(
            new Target("e2e_1sub_records_per_s", ">= 1,000,000", v -> v >= 1_000_000),
            new Target("e2e_1sub_lost", "0", v -> v == 0),
            new Target("efficiency", ">= 0.8 (median of rounds)", v -> v >= 0.8),
            new Target("log_call_1sub_minus_baseline_ns", "<= 50 (median of rounds)", v -> v <= 50),
            new Target("log_call_stalled_sub_minus_baseline_ns", "<= 50 (median of rounds)", v -> v <= 50),
            new Target("log_call_stalled_sub_over_1sub", "<= 1.1 (median of rounds)", v -> v <= 1.1),
            new Target("log_call_stalled_ws_sub_over_1sub", "<= 1.1 (median of rounds)", v -> v <= 1.1),
            new Target("e2e_ws_1sub_lost", "0", v -> v == 0),
            new Target("ws_over_tcp", ">= 0.7 (median of rounds)", v -> v >= 0.7),
            new Target("e2e_comet_1sub_records_per_s", ">= 200,000", v -> v >= 200_000),
            new Target("e2e_comet_1sub_lost", "0", v -> v == 0),
            new Target("fanout_100sub_deliveries_per_s", ">= 2,000,000", v -> v >= 2_000_000),
            new Target("latency_ms_p99", "<= 2", v -> v <= 2),
            new Target("viewer_ingest_records_per_s", ">= 300,000", v -> v >= 300_000),
            new Target("heap_bytes_per_idle_subscriber", "<= 65,536", v -> v <= 65_536),
            new Target("heap_bytes_per_idle_ws_subscriber", "<= 65,536", v -> v <= 65_536),
            new Target("browser_first_records_ms_median", "<= 1,000", v -> v <= 1_000),
            new Target("browser_ingest_records_per_s", ">= 100,000", v -> v >= 100_000),
            new Target("browser_ingest_dropped", "0", v -> v == 0),
            new Target("browser_heap_mib", "<= 150 (holding 100,000)", v -> v <= 150),
            new Target("browser_frame_ms_p99", "<= 50 (at 20,000 records/s)", v -> v <= 50));

    private Report() {
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB max heap, Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name")
                + " " + System.getProperty("os.arch");
    }

    /** The system's load average over the last minute (as uptime prints it), rounded to 0.01. */
    static double loadAverage() {
        return Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    /** The figure as a target judges it: a number, or a spread's median; null when it is neither. */
    static Double value(Object v) {
        if (v instanceof Spread s) {
            return s.median();
        }
        return v instanceof Number n ? n.doubleValue() : null;
    }

    private static Target targetOf(String figure) {
        for (Target t : TARGETS) {
            if (t.figure.equals(figure)) {
                return t;
            }
        }
        return null;
    }

    static String table(Map<String, Object> f) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-44s %28s   %s%n", "figure", "value [min, max]", "target"));
        for (Map.Entry<String, Object> e : f.entrySet()) {
            Target t = targetOf(e.getKey());
            Double v = value(e.getValue());
            String target = t == null ? "" : t.text + (v == null ? "" : t.ok.test(v) ? "  met" : "  NOT MET");
            sb.append(String.format("%-44s %28s   %s%n", e.getKey(), shown(e.getValue()), target).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** Per figure over the runs: median, min and max, and how many runs met its target. */
    static Map<String, Object> summary(List<Map<String, Object>> runs) {
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, Object> r : runs) {
            keys.addAll(r.keySet());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : keys) {
            List<Double> values = new ArrayList<>();
            for (Map<String, Object> r : runs) {
                Double v = value(r.get(k));
                if (v != null) {
                    values.add(v);
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            if (values.isEmpty()) {
                long noisy = runs.stream().filter(r -> Boolean.TRUE.equals(r.get(k))).count();
                if (k.equals("noisy")) {
                    m.put("noisy_runs", noisy);
                    m.put("runs", runs.size());
                    out.put(k, m);
                }
                continue;
            }
            Spread s = Spread.of(values.stream().mapToDouble(Double::doubleValue).toArray());
            m.putAll(s.asMap("runs"));
            Target t = targetOf(k);
            if (t != null) {
                m.put("target", t.text);
                m.put("met_in_runs", values.stream().filter(v -> t.ok.test(v)).count());
            }
            out.put(k, m);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    static String summaryTable(Map<String, Object> summary) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-44s %14s %14s %14s   %s%n", "figure", "median", "min", "max", "target"));
        for (Map.Entry<String, Object> e : summary.entrySet()) {
            Map<String, Object> m = (Map<String, Object>) e.getValue();
            if (m.containsKey("noisy_runs")) {
                sb.append(String.format("%-44s %s of %s runs%n", "noisy", m.get("noisy_runs"), m.get("runs")));
                continue;
            }
            String target = m.containsKey("target")
                    ? m.get("target") + "  met in " + m.get("met_in_runs") + " of " + m.get("runs") + " runs" : "";
            sb.append(String.format("%-44s %14s %14s %14s   %s%n", e.getKey(), number((Double) m.get("median")),
                    number((Double) m.get("min")), number((Double) m.get("max")), target).stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private static String shown(Object v) {
        if (v instanceof Spread s) {
            return number(s.median()) + " [" + number(s.min()) + ", " + number(s.max()) + "]";
        }
        if (v instanceof Double d) {
            return number(d);
        }
        if (v instanceof Number n) {
            return String.format("%,d", n.longValue());
        }
        return String.valueOf(v);
    }

    /** Whole numbers with separators, others with three decimals. */
    private static String number(double d) {
        return d == Math.rint(d) && !Double.isInfinite(d) ? String.format("%,d", (long) d) : String.format("%,.3f", d);
    }
}

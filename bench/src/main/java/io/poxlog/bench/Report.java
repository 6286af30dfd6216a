package io.poxlog.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/** The readable table of {@code bin/bench}, with the targets beside the figures. */
final class Report {
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

    static String table(Map<String, Object> f) {
        Map<String, String> targets = targets(f);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-44s %16s   %s%n", "figure", "value", "target"));
        for (Map.Entry<String, Object> e : f.entrySet()) {
            Object v = e.getValue();
            String value = v instanceof Double d ? String.format("%.3f", d) : v instanceof Number n ? String.format("%,d", n.longValue()) : String.valueOf(v);
            sb.append(String.format("%-44s %16s   %s%n", e.getKey(), value, targets.getOrDefault(e.getKey(), "")));
        }
        return sb.toString();
    }

    private static Map<String, String> targets(Map<String, Object> f) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("e2e_1sub_records_per_s", ">= 1,000,000" + met(f, "e2e_1sub_records_per_s", v -> v >= 1_000_000));
        t.put("e2e_1sub_lost", "0" + met(f, "e2e_1sub_lost", v -> v == 0));
        t.put("efficiency", ">= 0.6" + met(f, "efficiency", v -> v >= 0.6));
        if (f.get("log_call_ns_median_baseline") instanceof Number b) {
            t.put("log_call_ns_median_1sub", "<= " + (b.longValue() + 300) + " (baseline + 300)"
                    + met(f, "log_call_ns_median_1sub", v -> v <= b.longValue() + 300));
        }
        if (f.get("log_call_ns_median_1sub") instanceof Number one) {
            t.put("log_call_ns_median_stalled_sub", "within 10% of 1sub"
                    + met(f, "log_call_ns_median_stalled_sub", v -> v <= one.doubleValue() * 1.1));
        }
        t.put("fanout_100sub_deliveries_per_s", ">= 2,000,000" + met(f, "fanout_100sub_deliveries_per_s", v -> v >= 2_000_000));
        t.put("latency_ms_p99", "<= 2" + met(f, "latency_ms_p99", v -> v <= 2));
        t.put("viewer_ingest_records_per_s", ">= 300,000" + met(f, "viewer_ingest_records_per_s", v -> v >= 300_000));
        t.put("heap_bytes_per_idle_subscriber", "<= 65,536" + met(f, "heap_bytes_per_idle_subscriber", v -> v <= 65_536));
        return t;
    }

    private static String met(Map<String, Object> f, String key, java.util.function.DoublePredicate ok) {
        return f.get(key) instanceof Number n ? (ok.test(n.doubleValue()) ? "  met" : "  NOT MET") : "";
    }
}

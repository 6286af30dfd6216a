package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Runs {@code bin/bench --quick --json} in full, so that no scenario can rot unnoticed. Asserts
 * that every figure of the benchmark issue is there and sane, not that it meets its target:
 * the machine running the tests may be busy with anything.
 */
class QuickBenchTest {
    /** Compared figures: the median, min and max of their per-round ratios or differences. */
    private static final List<String> SPREADS = List.of("efficiency", "efficiency_cpu", "ws_over_tcp",
            "log_call_1sub_minus_baseline_ns", "log_call_stalled_sub_minus_baseline_ns",
            "log_call_stalled_sub_over_1sub", "log_call_stalled_ws_sub_over_1sub");
    private static final List<String> POSITIVE = List.of(
            "log_call_ns_median_baseline", "log_call_ns_p99_baseline",
            "log_call_ns_median_1sub", "log_call_ns_p99_1sub",
            "log_call_ns_median_stalled_sub", "log_call_ns_p99_stalled_sub",
            "log_call_ns_median_100sub", "log_call_ns_p99_100sub",
            "log_call_ns_median_baseline_2threads", "log_call_ns_median_1sub_2threads",
            "log_call_ns_median_stalled_sub_2threads", "log_call_ns_median_stalled_ws_sub",
            "e2e_1sub_records_per_s", "e2e_ws_1sub_records_per_s", "e2e_comet_1sub_records_per_s", "fanout_100sub_deliveries_per_s",
            "latency_ms_p50", "latency_ms_p99", "latency_samples",
            "raw_loopback_records_per_s", "raw_loopback_record_bytes",
            "viewer_ingest_records_per_s", "heap_bytes_per_idle_subscriber", "heap_bytes_per_idle_ws_subscriber",
            "e2e_ws_1sub_cpu_ns_per_record",
            "e2e_1sub_cpu_ns_per_record", "fanout_100sub_cpu_ns_per_delivery", "raw_loopback_cpu_ns_per_record",
            "viewer_ingest_cpu_ns_per_record", "e2e_1sub_subscriber_cpu_ns_per_record",
            "fanout_100sub_subscriber_cpu_ns_per_delivery", "raw_loopback_subscriber_cpu_ns_per_record");

    @Test
    void theQuickSuitePrintsEveryFigureAsOneJsonObjectWithNothingLost() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = new CommandLine(new Bench(new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .execute("--quick", "--json");
        assertThat(exit).isZero();
        JsonNode f = new ObjectMapper().readTree(bytes.toString(StandardCharsets.UTF_8));

        for (String key : POSITIVE) {
            assertThat(f.path(key).isNumber()).as(key + " is a number in " + f).isTrue();
            assertThat(f.get(key).asDouble()).as(key).isPositive();
        }
        for (String key : SPREADS) {
            JsonNode s = f.path(key);
            assertThat(s.path("median").isNumber()).as(key + " has a median in " + f).isTrue();
            assertThat(s.get("min").asDouble()).as(key + " min").isLessThanOrEqualTo(s.get("median").asDouble());
            assertThat(s.get("median").asDouble()).as(key + " median").isLessThanOrEqualTo(s.get("max").asDouble());
            assertThat(s.get("rounds").asInt()).as(key + " rounds").isGreaterThanOrEqualTo(3);
        }
        for (String name : List.of("baseline", "1sub", "stalled_sub", "stalled_ws_sub", "100sub")) {
            assertThat(f.get("log_call_ns_median_" + name).asLong())
                    .as("median of " + name).isLessThanOrEqualTo(f.get("log_call_ns_p99_" + name).asLong());
        }
        assertThat(f.get("latency_ms_p50").asDouble()).isLessThanOrEqualTo(f.get("latency_ms_p99").asDouble());
        // A subscriber that keeps up loses nothing, whatever the machine's speed.
        assertThat(f.get("e2e_1sub_lost").asLong()).isZero();
        assertThat(f.get("e2e_1sub_unreported_losses").asLong()).isZero();
        assertThat(f.get("fanout_100sub_lost").asLong()).isZero();
        assertThat(f.get("e2e_ws_1sub_lost").asLong()).isZero();
        assertThat(f.get("e2e_ws_1sub_unreported_losses").asLong()).isZero();
        assertThat(f.get("e2e_comet_1sub_lost").asLong()).isZero();
        assertThat(f.get("quick").asBoolean()).isTrue();
        assertThat(f.path("load_average_end").isNumber()).as("the machine's load is reported").isTrue();
        // Linux has /proc/stat: the host's steal and other work over the run, and the verdict.
        assertThat(f.path("host_steal_pct").isNumber()).as("steal is reported in " + f).isTrue();
        assertThat(f.path("host_others_pct").isNumber()).as("other work is reported").isTrue();
        assertThat(f.path("noisy").isBoolean()).as("a run says whether it was noisy").isTrue();
    }
}

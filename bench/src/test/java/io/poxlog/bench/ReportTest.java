package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void theTableShowsEachFigureWithItsTargetAndWhetherItIsMet() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("log_call_1sub_minus_baseline_ns", Spread.of(60, 70, 40));
        f.put("e2e_1sub_records_per_s", 1_250_000L);
        f.put("efficiency", Spread.of(0.5, 0.9, 0.85));

        String table = Report.table(f);

        assertThat(table).containsPattern("log_call_1sub_minus_baseline_ns +60 \\[40, 70\\] +<= 50 \\(median of rounds\\) +NOT MET");
        assertThat(table).containsPattern("e2e_1sub_records_per_s +1,250,000 +>= 1,000,000 +met");
        assertThat(table).containsPattern("efficiency +0\\.850 \\[0\\.500, 0\\.900\\] +>= 0\\.8 \\(median of rounds\\) +met");
        assertThat(table).doesNotContain("heap_bytes_per_idle_subscriber");
    }

    @Test
    void repeatedRunsGiveEachFigureItsMedianMinMaxAndHowManyRunsMetItsTarget() {
        Map<String, Object> a = Map.of("efficiency", Spread.of(0.81), "e2e_1sub_lost", 0L, "noisy", false);
        Map<String, Object> b = Map.of("efficiency", Spread.of(0.75), "e2e_1sub_lost", 0L, "noisy", true);
        Map<String, Object> c = Map.of("efficiency", Spread.of(0.9), "e2e_1sub_lost", 0L, "noisy", false);

        Map<String, Object> s = Report.summary(List.of(a, b, c));

        assertThat(s.get("efficiency")).isEqualTo(Map.of("median", 0.81, "min", 0.75, "max", 0.9, "runs", 3,
                "target", ">= 0.8 (median of rounds)", "met_in_runs", 2L));
        assertThat(s.get("noisy")).isEqualTo(Map.of("noisy_runs", 1L, "runs", 3));
        assertThat(Report.summaryTable(s)).containsPattern("efficiency +0\\.810 +0\\.750 +0\\.900 +>= 0\\.8 \\(median of rounds\\)  met in 2 of 3 runs");
    }
}

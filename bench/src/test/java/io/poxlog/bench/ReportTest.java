package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
    @Test
    void theTableShowsEachFigureWithItsTargetAndWhetherItIsMet() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("log_call_ns_median_baseline", 200L);
        f.put("log_call_ns_median_1sub", 600L);
        f.put("e2e_1sub_records_per_s", 1_250_000L);
        f.put("efficiency", 0.5);

        String table = Report.table(f);

        assertThat(table).containsPattern("log_call_ns_median_1sub +600 +<= 500 \\(baseline \\+ 300\\) +NOT MET");
        assertThat(table).containsPattern("e2e_1sub_records_per_s +1,250,000 +>= 1,000,000 +met");
        assertThat(table).containsPattern("efficiency +0\\.500 +>= 0\\.6 +NOT MET");
        assertThat(table).doesNotContain("heap_bytes_per_idle_subscriber");
    }
}

package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the browser scenario small (2,000 records, one timed load, one second of frames), so that it
 * cannot rot: every figure is there and sane, nothing the page was sent was lost; not whether a
 * target is met, as the machine running the tests may be busy with anything. Skipped without
 * Chromium unless {@code -Dpoxlog.browser.required=true}, as the server's browser tests are.
 */
class BrowserBenchTest {
    @Test
    void measuresFirstRecordsIngestHeapAndFramesOfThePageInChromium() throws Exception {
        if (!Boolean.getBoolean("poxlog.browser.required")) {
            assumeTrue(BenchBrowser.installed(), "no Chromium and chromedriver here");
        }
        Map<String, Object> f = new BrowserBench(2_000, 1, 1_000).run();

        assertThat(((Number) f.get("browser_first_records_ms_median")).doubleValue()).isPositive();
        assertThat(f.get("browser_ingest_records")).isEqualTo(2_000L);
        assertThat(((Number) f.get("browser_ingest_records_per_s")).longValue()).isPositive();
        assertThat(f.get("browser_ingest_dropped")).isEqualTo(0L);
        assertThat(f.get("browser_heap_records_held")).isEqualTo(2_000L);
        assertThat(((Number) f.get("browser_heap_mib_quick")).doubleValue()).isPositive();
        assertThat(((Number) f.get("browser_frames")).longValue()).isPositive();
        assertThat(((Number) f.get("browser_frame_ms_p50")).doubleValue())
                .isLessThanOrEqualTo(((Number) f.get("browser_frame_ms_p99")).doubleValue());
        assertThat(((Number) f.get("browser_frame_records_per_s")).longValue()).as("the demo's records reach the page").isPositive();
    }
}

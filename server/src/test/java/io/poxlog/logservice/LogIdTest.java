package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code log_id}: which run of the log a {@code seq} belongs to (issue 11). */
class LogIdTest {

    /** Records (with a message) received until one holds {@code text}, after those in {@code early}. */
    private static List<JsonNode> recordsUntil(WireClient c, String text, List<JsonNode> early) throws InterruptedException {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode m : early) {
            if (m.has("message")) {
                out.add(m);
            }
        }
        while (out.isEmpty() || !out.get(out.size() - 1).path("message").asText().contains(text)) {
            JsonNode m = c.next();
            if (m.has("message")) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<JsonNode> join(LogFixture fx, WireClient c, String keys, String liveText) throws Exception {
        c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + LogFixture.channel() + "\"," + keys + "}");
        // Once the join is confirmed it is in the service's queue: the live record comes after it.
        List<JsonNode> early = c.drain();
        fx.logger("a").info(liveText);
        return recordsUntil(c, liveText, early);
    }

    @Test
    void theWelcomeCarriesTheRunsLogIdAndListsTheFeature() throws Exception {
        try (LogFixture fx = new LogFixture(); LogFixture other = new LogFixture()) {
            WireClient c = WireClient.connect(fx.transport.boundAddress());
            JsonNode w = c.welcome();
            c.close();
            assertThat(w.get("log_id").asText()).isEqualTo(fx.service.logId()).matches("[A-Za-z0-9_-]{22}");
            assertThat(w.get("features").toString()).contains("\"log_id\"");
            assertThat(other.service.logId()).as("a new value per run of the log").isNotEqualTo(fx.service.logId());
        }
    }

    @Test
    void sinceWithThisRunsLogIdResumesAsBefore() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            for (int i = 1; i <= 10; i++) {
                fx.logger("a").info("old-{}", i);
            }
            try (WireClient c = fx.client()) {
                List<JsonNode> got = join(fx, c, "\"since\":8,\"log_id\":\"" + fx.service.logId() + "\"", "now");
                assertThat(got).extracting(m -> m.get("message").asText()).containsExactly("old-9", "old-10", "now");
            }
        }
    }

    @Test
    void sinceFromAnotherRunReplaysThisRunFromItsStart() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            for (int i = 1; i <= 10; i++) {
                fx.logger("a").info("old-{}", i);
            }
            try (WireClient c = fx.client()) {
                // seq 8 of some earlier run: without the log_id it would skip this run's first 8.
                List<JsonNode> got = join(fx, c, "\"since\":8,\"log_id\":\"an-earlier-run\"", "now");
                assertThat(got).extracting(m -> m.get("message").asText())
                        .startsWith("old-1", "old-2").endsWith("old-10", "now").hasSize(11);
                assertThat(got).extracting(m -> m.get("seq").asLong()).startsWith(1L, 2L);
                assertThat(got).noneMatch(m -> m.has("gap"));
            }
        }
    }

    @Test
    void sinceFromAnotherRunTellsWhatThisRunNoLongerRetainsAsAGap() throws Exception {
        try (LogFixture fx = new LogFixture(LogServiceConfig.DEFAULTS.withRetain(5))) {
            for (int i = 1; i <= 20; i++) {
                fx.logger("a").info("old-{}", i);
            }
            try (WireClient c = fx.client()) {
                List<JsonNode> got = join(fx, c, "\"since\":100,\"log_id\":\"an-earlier-run\"", "now");
                JsonNode notice = got.get(0);
                assertThat(notice.get("gap").toString()).isEqualTo("[1,15]");
                assertThat(notice.get("dropped").asLong()).isEqualTo(15);
                assertThat(notice.get("log_id").asText()).as("the run whose seqs it counts").isEqualTo(fx.service.logId());
                assertThat(got.subList(1, got.size())).extracting(m -> m.get("seq").asLong())
                        .containsExactly(16L, 17L, 18L, 19L, 20L, 21L);
            }
        }
    }

    @Test
    void aLogIdWithoutSinceReplaysNothing() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            fx.logger("a").info("old");
            try (WireClient c = fx.client()) {
                List<JsonNode> got = join(fx, c, "\"log_id\":\"an-earlier-run\"", "now");
                assertThat(got).extracting(m -> m.get("message").asText()).containsExactly("now");
            }
        }
    }

    @Test
    void aLogIdThatIsNotAStringIsRefused() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient c = fx.client()) {
            String ch = LogFixture.channel();
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"since\":3,\"log_id\":7}");
            JsonNode error = c.next();
            assertThat(error.get("CHANNEL").asText()).isEmpty();
            assertThat(error.get("error").asText()).isEqualTo("join of '" + ch + "' refused: 'log_id' must be a string, not 7");
        }
    }
}

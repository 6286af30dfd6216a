package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 15's "done when", with real time: {@code openflow} to DEBUG for 2 s on the nexus's own
 * timer; DEBUG records come, the revert's audit record comes no sooner than 2 s after the request,
 * and DEBUG records stop.
 */
class TimedLevelsEndToEndTest {

    @Test
    void debugForTwoSecondsShowsDebugRecordsThenTheRevertsAuditRecordThenNoMore() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            fx.root().setLevel(Level.INFO);
            String ch = LogFixture.channel();
            try (WireClient c = fx.subscriber(ch, "\"json\":true")) {
                long asked = System.nanoTime();
                c.send("{\"CHANNEL\":\"" + ch + "\",\"setLevels\":{\"openflow\":\"DEBUG\"},\"for\":2}");
                JsonNode reply = c.next(m -> m.has("levels_timed"));
                assertThat(reply.get("levels_timed").get("openflow").get("revert_to").isNull()).isTrue();
                fx.logger("openflow.of_01").debug("while timed");
                JsonNode debug = c.next(m -> m.path("message").asText().equals("while timed"));
                assertThat(debug.get("levelname").asText()).isEqualTo("DEBUG");

                JsonNode revert = c.next(m -> m.path("name").asText().equals(LevelAudit.LOGGER)
                        && m.path("message").asText().contains("reverted"));
                long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked);
                assertThat(took).isGreaterThanOrEqualTo(2000);
                assertThat(revert.get("message").asText())
                        .startsWith("level of 'openflow': DEBUG -> NOTSET (inherits INFO), reverted: the change for 2 s");
                assertThat(fx.logger("openflow").getLevel()).isNull();

                fx.logger("openflow.of_01").debug("after the revert");
                fx.logger("openflow.of_01").info("marker after the revert");
                List<String> seen = new ArrayList<>();
                c.next(m -> {
                    seen.add(m.path("message").asText());
                    return m.path("message").asText().equals("marker after the revert");
                });
                assertThat(seen).doesNotContain("after the revert");
            }
        }
    }
}

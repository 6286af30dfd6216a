package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WsClient;
import io.poxlog.web.WebSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log service's batched write path over WebSocket: a subscriber that stops reading has
 * records dropped for it alone and is told by a gap notice when it reads again; another
 * subscriber gets every record.
 */
class WsSlowSubscriberTest {
    private static final int RECORDS = 3000;
    /** Records logged at a time: 40 KB, far under the 256 KiB mark. */
    private static final int STEP = 4;

    @Test
    void aSubscriberThatStopsReadingIsDroppedForItselfAndToldByAGapNotice() throws Exception {
        // A high-water mark of 256 KiB (the default is 4 MiB) so that 30 MB of records pass it far.
        WsSettings small = WsSettings.DEFAULTS.withOutput(8 * 1024 * 1024, 64 * 1024, 256 * 1024);
        try (WsFixture fx = new WsFixture(small, WebSettings.DEFAULTS, null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             WsClient other = fx.subscriber("\"subsystems\":[\"flood\",\"test.settle\"]");
             WsClient stalled = WsClient.connect(fx.uri(), Map.of(), false)) {
            stalled.welcome();
            stalled.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + WsFixture.channel()
                    + "\",\"json\":true,\"subsystems\":[\"flood\"]}");
            // Paced in steps under the high-water mark, read by the other subscriber as they come:
            // it never falls behind, while the stalled one stops taking anything.
            String message = "z".repeat(10_000);
            int got = 0;
            for (int i = 0; i < RECORDS; i++) {
                fx.logger("flood").info(i + " " + message);
                if (i % STEP == STEP - 1) {
                    while (got <= i) {
                        JsonNode m = other.next(n -> n.has("gap") || "flood".equals(n.path("name").asText()));
                        assertThat(m.has("gap")).as("a gap notice for the subscriber that reads, at " + got + ": " + m).isFalse();
                        assertThat(m.get("message").asText()).startsWith(got + " ");
                        got++;
                    }
                }
            }
            stalled.resume();
            JsonNode gap = stalled.next(m -> m.has("gap"));
            assertThat(gap.get("dropped").asLong()).isPositive();
            assertThat(stalled.isClosed()).isFalse();
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }
}

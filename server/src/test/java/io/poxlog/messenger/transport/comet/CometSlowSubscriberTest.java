package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.testing.Canary;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The log service's batched write path over comet: a subscriber that stops fetching has records
 * dropped for it alone and is told by a gap notice when it fetches again; another comet
 * subscriber gets every record.
 */
class CometSlowSubscriberTest {
    private static final int RECORDS = 3000;
    private static final int STEP = 4;

    @Test
    void aSubscriberThatStopsFetchingIsDroppedForItselfAndToldByAGapNotice() throws Exception {
        // A mark of 256 KiB (the default is 4 MiB), so that 30 MB of records pass it far
        HttpSessionSettings small = CometSettings.DEFAULTS.sessions().withOutput(256 * 1024, 8 * 1024 * 1024);
        try (WebMessengerFixture fx = new WebMessengerFixture(CometSettings.DEFAULTS.withSessions(small),
                WebSettings.DEFAULTS, null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             CometClient other = fx.cometClient();
             CometClient stalled = CometClient.connect(fx.cometBase(), Map.of(), false)) {
            WebMessengerFixture.subscribe(other::send, other::next, "\"subsystems\":[\"flood\",\"test.settle\"]");
            stalled.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + WebMessengerFixture.channel()
                    + "\",\"json\":true,\"subsystems\":[\"flood\"]}");
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
            assertThat(stalled.problems()).isEmpty();
            assertThat(fx.comet.openSessions()).isEqualTo(2);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }
}

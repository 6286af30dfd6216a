package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The log bot's two paths (issue 15): level commands act on the controller and touch no
 * subscription; settings change only when a message names them; a subscription begins with the
 * first join and ends with the last leave. What the service thread holds is asked in its own queue
 * ({@link LogService#held}), after the nexus has handled the messages ({@link WireClient#drain}).
 */
class LogBotPathsTest {

    @Test
    void aSetLevelsOnTheLogChannelNobodyJoinedBuildsNoSubscriptionAndNoEncoding() throws Exception {
        // Before: the level changed, and a subscription of no member (with its encoding) stayed
        // on the service thread for good: held() was [1, 1] after one setLevels.
        try (LogFixture fx = new LogFixture(); WireClient c = fx.client()) {
            for (int i = 0; i < 3; i++) {
                c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"}}");
            }
            c.drain();
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(held(fx)).containsExactly(0, 0);
            assertThat(encodingsMade(fx)).isZero();
        }
    }

    @Test
    void aMessageWithoutSettingsLeavesThemAloneAndMakesNoEncoding() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            String ch = LogFixture.channel();
            try (WireClient s = fx.subscriber(ch, "\"level\":\"WARNING\",\"json\":true")) {
                long made = encodingsMade(fx);
                s.send("{\"CHANNEL\":\"" + ch + "\",\"setLevels\":{\"openflow\":\"DEBUG\"}}");
                s.send("{\"CHANNEL\":\"" + ch + "\",\"grep\":\"kept\"}"); // a filter: the encoding stays
                s.drain();
                assertThat(encodingsMade(fx)).isEqualTo(made);
                fx.logger("openflow").info("not kept: below the subscription's level");
                fx.logger("openflow").warn("kept: at its level");
                fx.logger("openflow").warn("filtered out by grep");
                JsonNode r = s.next(m -> m.has("message") && m.path("name").asText().equals("openflow"));
                assertThat(r.get("message").asText()).isEqualTo("kept: at its level");
                assertThat(r.get("levelname").asText()).isEqualTo("WARNING"); // json: true, still
                assertThat(held(fx)).containsExactly(1, 1);
            }
        }
    }

    @Test
    void aSubscriptionBeginsWithTheFirstJoinAndEndsWithTheLastLeave() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient a = fx.client(); WireClient b = fx.client()) {
            // Settings sent to the log channel before anyone joined are kept for the first join.
            a.send("{\"CHANNEL\":\"log\",\"json\":true}");
            a.drain();
            assertThat(held(fx)).containsExactly(0, 0);
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log\"}");
            fx.settled(a, "log");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log\"}");
            fx.settled(b, "log");
            assertThat(held(fx)).containsExactly(1, 1);
            fx.logger("x").info("after the joins");
            JsonNode r = b.next(m -> m.path("message").asText().equals("after the joins"));
            assertThat(r.get("levelname").asText()).isEqualTo("INFO");
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"leave_channel\",\"channel\":\"log\"}");
            a.drain();
            assertThat(held(fx)).containsExactly(1, 1);
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"leave_channel\",\"channel\":\"log\"}");
            b.drain();
            assertThat(held(fx)).containsExactly(0, 0);
        }
    }

    @Test
    void aPoxStyleSetLevelsWithoutForChangesTheLevelForGoodAndIsNotAnswered() throws Exception {
        // What POX's pox-log sends: the join with its settings, then setLevels on its channel.
        try (LogFixture fx = new LogFixture()) {
            String ch = LogFixture.channel();
            try (WireClient s = fx.subscriber(ch, "\"format\":\"%(levelname)s|%(name)s|%(message)s\"")) {
                s.send("{\"CHANNEL\":\"" + ch + "\",\"setLevels\":{\"openflow\":\"DEBUG\",\"web\":\"WARNING\"}}");
                // No reply, exactly as before; the stream carries the audit records (issue 15), records
                // as any other, which a POX client prints.
                assertThat(s.drain()).allSatisfy(m -> assertThat(m.path("message").asText())
                        .startsWith("INFO|messenger.log_service.audit|level of "));
                assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
                assertThat(fx.logger("web").getLevel()).isEqualTo(Level.WARN);
                fx.logger("openflow").debug("at debug");
                JsonNode r = s.next(m -> m.path("message").asText().endsWith("at debug"));
                assertThat(r.get("message").asText()).isEqualTo("DEBUG|openflow|at debug");
            }
        }
    }

    static int[] held(LogFixture fx) throws Exception {
        return fx.service.held().get(10, TimeUnit.SECONDS);
    }

    static long encodingsMade(LogFixture fx) throws Exception {
        return fx.nexus.call(fx.service::encodingsMade).get(10, TimeUnit.SECONDS);
    }
}

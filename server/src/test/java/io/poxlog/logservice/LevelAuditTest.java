package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every level change and every revert is an INFO record of {@code messenger.log_service.audit}
 * (issue 15): which logger, from what to what, until when, and who (session, address, role, the
 * token's name, never the token). Subscribers see it; remote commands cannot turn it off.
 */
class LevelAuditTest {
    private static final String ADMIN = "alice-admin-token-0123456789";
    private static final String READER = "noc-read-token-0123456789ab";
    private static final AccessTokens NAMED = AccessTokens.parse(List.of(ADMIN + " admin alice # on call",
            READER + " read"), "named tokens");

    private final ManualLevelClock clock = new ManualLevelClock();
    private LogFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new LogFixture(LogServiceConfig.DEFAULTS, NAMED, clock);
        clock.runOn(fx.nexus);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void aTimedChangeAndItsRevertAreAuditedWithWhoAskedAndNoToken() throws Exception {
        fx.logger("openflow").setLevel(Level.INFO);
        try (WireClient reader = fx.client(READER); WireClient admin = fx.client(ADMIN)) {
            String ch = LogFixture.channel();
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"json\":true}");
            reader.drain();
            admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"},\"for\":300}");
            JsonNode changed = reader.next(m -> m.path("name").asText().equals(LevelAudit.LOGGER));
            assertThat(changed.get("levelname").asText()).isEqualTo("INFO");
            assertThat(changed.get("message").asText()).matches("level of 'openflow': INFO -> DEBUG, until "
                    + "2026-12-01T11:05:00Z \\(for 300 s, then INFO again\\), by session [A-Za-z0-9_-]{8} from "
                    + "127\\.0\\.0\\.1 as admin \\(token 'alice'\\)");
            assertThat(changed.get("args").get(0).asText()).isEqualTo("'openflow'");
            assertThat(changed.toString()).doesNotContain(ADMIN);

            clock.advance(Duration.ofSeconds(300));
            JsonNode reverted = reader.next(m -> m.path("name").asText().equals(LevelAudit.LOGGER));
            assertThat(reverted.get("message").asText()).matches("level of 'openflow': DEBUG -> INFO, reverted: "
                    + "the change for 300 s by session [A-Za-z0-9_-]{8} from 127\\.0\\.0\\.1 as admin "
                    + "\\(token 'alice'\\) ended");
        }
    }

    @Test
    void theAuditLoggerCannotBeTurnedOffRemotelyAndStillLogsWhenItsParentsAreSilenced() throws Exception {
        try (WireClient admin = fx.client(ADMIN)) {
            for (String bad : new String[] {"\"setLevels\":{\"messenger.log_service.audit\":\"WARNING\"}",
                    "\"setLevels\":{\"messenger.log_service.audit\":\"NOTSET\"}",
                    "\"lowerLevels\":{\"messenger.log_service.audit\":\"OFF\"}"}) {
                admin.send("{\"CHANNEL\":\"log\"," + bad + "}");
                assertThat(admin.next(m -> m.has("error")).get("error").asText()).endsWith(
                        "the audit logger 'messenger.log_service.audit' cannot be turned off remotely (it logs every "
                                + "level change at INFO); it may be set to INFO or more verbose");
            }
            assertThat(fx.logger(LevelAudit.LOGGER).getLevel()).isEqualTo(Level.INFO);

            String ch = LogFixture.channel();
            admin.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\"}");
            admin.drain();
            // Its parents and the root turned off: it keeps its own INFO, and the loop guard of the
            // messenger's loggers holds back only what is below INFO.
            admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"\":\"OFF\",\"messenger\":\"OFF\"}}");
            admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"ERROR\"}}");
            JsonNode r = admin.next(m -> m.path("message").asText().startsWith("level of 'openflow'"));
            assertThat(r.get("message").asText()).contains("NOTSET (inherits OFF) -> ERROR, untimed");
        }
    }
}

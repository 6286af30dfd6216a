package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WireClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** read may watch the log; only admin may act on the controller. */
class LogAccessRightsTest {
    private LogFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new LogFixture(LogServiceConfig.DEFAULTS, Tokens.BOTH);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    @Test
    void readMaySubscribeAndGetLevels() throws Exception {
        try (WireClient reader = fx.client(Tokens.READ); WireClient admin = fx.client(Tokens.ADMIN)) {
            String ch = LogFixture.channel();
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"json\":true}");
            reader.drain();
            admin.send("{\"CHANNEL\":\"log\",\"message\":\"from the operator\",\"level\":\"INFO\",\"subsystem\":\"ops\"}");
            JsonNode r = reader.next(m -> m.path("message").asText().equals("from the operator"));
            assertThat(r.get("name").asText()).isEqualTo("ops");
            reader.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"XID\":1}");
            assertThat(reader.next(m -> m.has("levels")).get("levels").has("ops")).isTrue();
        }
    }

    @Test
    void readMayNotChangeLevelsNorInjectAndNothingChanges() throws Exception {
        try (WireClient reader = fx.client(Tokens.READ)) {
            reader.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"app\":\"ERROR\"},\"XID\":2}");
            JsonNode err = reader.next();
            assertThat(err.get("error").asText())
                    .isEqualTo("changing log levels needs the 'admin' right; this connection has only 'read'");
            assertThat(err.get("XID").asInt()).isEqualTo(2);
            assertThat(fx.logger("app").getLevel()).isNull();
            reader.send("{\"CHANNEL\":\"log\",\"message\":\"forged\"}");
            assertThat(reader.next().get("error").asText())
                    .isEqualTo("injecting a record needs the 'admin' right; this connection has only 'read'");
        }
    }

    @Test
    void aJoinThatSetsLevelsWithoutTheRightIsRefusedWhole() throws Exception {
        try (WireClient reader = fx.client(Tokens.READ)) {
            String ch = LogFixture.channel();
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch
                    + "\",\"setLevels\":\"DEBUG\",\"lowerLevels\":{\"x\":\"INFO\"}}");
            assertThat(reader.next().get("error").asText()).isEqualTo("join of '" + ch
                    + "' refused: changing log levels needs the 'admin' right; this connection has only 'read'");
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"leave_channel\",\"channel\":\"" + ch + "\"}");
            assertThat(reader.next().get("error").asText()).isEqualTo("cannot leave '" + ch + "': not a member");
        }
    }

    @Test
    void adminMayChangeLevels() throws Exception {
        try (WireClient admin = fx.client(Tokens.ADMIN)) {
            admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"app\":\"ERROR\"}}");
            assertThat(admin.drain()).isEmpty();
            assertThat(fx.logger("app").getLevel()).hasToString("ERROR");
        }
    }
}

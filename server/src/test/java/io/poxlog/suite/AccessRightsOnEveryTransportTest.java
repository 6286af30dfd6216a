package io.poxlog.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.transports.MessengerWire;
import io.poxlog.testing.transports.OnEveryTransport;
import io.poxlog.testing.transports.Transport;
import io.poxlog.testing.transports.TransportServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Tokens and roles (PROTOCOL.md §2) over every transport (issue 13): the token comes in the first
 * message as on TCP; read may watch the log, only admin may act on the controller.
 */
class AccessRightsOnEveryTransportTest {
    private TransportServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TransportServer(TransportServer.DEFAULTS.withTokens(Tokens.BOTH));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @OnEveryTransport
    void readMaySubscribeAndGetLevels(Transport t) throws Exception {
        try (MessengerWire reader = server.client(t, Tokens.READ); MessengerWire admin = server.client(t, Tokens.ADMIN)) {
            String ch = TransportServer.channel();
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"json\":true}");
            reader.drain();
            admin.send("{\"CHANNEL\":\"log\",\"message\":\"from the operator\",\"level\":\"INFO\",\"subsystem\":\"ops\"}");
            JsonNode r = reader.next(m -> m.path("message").asText().equals("from the operator"));
            assertThat(r.get("name").asText()).isEqualTo("ops");
            reader.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"XID\":1}");
            assertThat(reader.next(m -> m.has("levels")).get("levels").has("ops")).isTrue();
        }
    }

    @OnEveryTransport
    void readMayNotChangeLevelsNorInjectAndNothingChanges(Transport t) throws Exception {
        try (MessengerWire reader = server.client(t, Tokens.READ)) {
            reader.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"app\":\"ERROR\"},\"XID\":2}");
            JsonNode err = reader.next();
            assertThat(err.get("error").asText())
                    .isEqualTo("changing log levels needs the 'admin' right; this connection has only 'read'");
            assertThat(err.get("XID").asInt()).isEqualTo(2);
            assertThat(server.logger("app").getLevel()).isNull();
            reader.send("{\"CHANNEL\":\"log\",\"message\":\"forged\"}");
            assertThat(reader.next().get("error").asText())
                    .isEqualTo("injecting a record needs the 'admin' right; this connection has only 'read'");
        }
    }

    @OnEveryTransport
    void aJoinThatSetsLevelsWithoutTheRightIsRefusedWhole(Transport t) throws Exception {
        try (MessengerWire reader = server.client(t, Tokens.READ)) {
            String ch = TransportServer.channel();
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch
                    + "\",\"setLevels\":\"DEBUG\",\"lowerLevels\":{\"x\":\"INFO\"}}");
            assertThat(reader.next().get("error").asText()).isEqualTo("join of '" + ch
                    + "' refused: changing log levels needs the 'admin' right; this connection has only 'read'");
            reader.send("{\"CHANNEL\":\"\",\"cmd\":\"leave_channel\",\"channel\":\"" + ch + "\"}");
            assertThat(reader.next().get("error").asText()).isEqualTo("cannot leave '" + ch + "': not a member");
        }
    }

    @OnEveryTransport
    void adminMayChangeLevels(Transport t) throws Exception {
        try (MessengerWire admin = server.client(t, Tokens.ADMIN)) {
            admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"app\":\"ERROR\"}}");
            assertThat(admin.drain()).isEmpty();
            assertThat(server.logger("app").getLevel()).hasToString("ERROR");
        }
    }

    @OnEveryTransport
    void theWelcomeAsksForATokenAndNothingElseIsDoneWithoutOne(Transport t) throws Exception {
        try (MessengerWire c = t.connect(server)) {
            assertThat(c.welcome().get("auth_required").asBoolean()).isTrue();
            c.send("{\"CHANNEL\":\"upper\",\"msg\":\"x\",\"XID\":1}");
            JsonNode refused = c.next();
            assertThat(refused.get("error").asText()).startsWith("authentication required");
            assertThat(refused.get("XID").asInt()).isEqualTo(1);
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"" + Tokens.READ + "\",\"XID\":2}");
            JsonNode ok = c.next();
            assertThat(ok.get("cmd").asText()).isEqualTo("authenticated");
            assertThat(ok.get("role").asText()).isEqualTo("read");
            assertThat(ok.get("XID").asInt()).isEqualTo(2);
            c.send("{\"CHANNEL\":\"upper\",\"msg\":\"x\"}");
            assertThat(c.next().get("msg").asText()).isEqualTo("X");
        }
    }

    @OnEveryTransport
    void threeWrongTokensCloseTheConnection(Transport t) throws Exception {
        try (MessengerWire c = t.connect(server)) {
            c.welcome();
            for (int i = 0; i < 3; i++) {
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"not-a-token-0123456789\"}");
            }
            assertThat(c.next().get("error").asText()).contains("token");
            c.awaitClosed();
            assertThat(c.isClosed()).isTrue();
        }
    }
}

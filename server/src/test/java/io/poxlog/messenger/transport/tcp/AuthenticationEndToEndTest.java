package io.poxlog.messenger.transport.tcp;

import io.poxlog.messenger.transport.netty.ConnectionLimits;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The token handshake on a real server and real sockets. */
class AuthenticationEndToEndTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(TcpSettings.DEFAULTS, Duration.ofSeconds(10), Tokens.BOTH);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void theWelcomeSaysAuthenticationIsRequired() throws Exception {
        try (WireClient c = server.client()) {
            JsonNode w = c.welcome();
            assertThat(w.get("auth_required").asBoolean()).isTrue();
            assertThat(w.get("features").toString()).contains("\"auth\"");
        }
    }

    @Test
    void aGoodTokenIsAnsweredWithItsRoleAndOpensTheMessenger() throws Exception {
        try (WireClient c = server.client()) {
            c.welcome();
            JsonNode ok = c.authenticate(Tokens.READ);
            assertThat(ok.toString()).isEqualTo("{\"CHANNEL\":\"\",\"cmd\":\"authenticated\",\"role\":\"read\"}");
            c.send("{\"CHANNEL\":\"upper\",\"msg\":\"in\"}");
            assertThat(c.next().get("msg").asText()).isEqualTo("IN");
        }
    }

    @Test
    void anythingBeforeAuthenticationIsRefusedAndTheThirdFailureCloses() throws Exception {
        try (WireClient c = server.client()) {
            c.welcome();
            c.send("{\"CHANNEL\":\"upper\",\"msg\":\"sneak\",\"XID\":7}");
            JsonNode err = c.next();
            assertThat(err.get("cmd").asText()).isEqualTo("error");
            assertThat(err.get("XID").asInt()).isEqualTo(7);
            assertThat(err.get("request_channel").asText()).isEqualTo("upper");
            assertThat(err.get("error").asText()).isEqualTo("authentication required: send "
                    + "{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"<your token>\"} first (failure 1 of 3)");
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"wrong-wrong-wrong-wrong\"}");
            JsonNode wrong = c.next();
            assertThat(wrong.get("error").asText()).isEqualTo("authentication failed: unknown token (failure 2 of 3)");
            assertThat(wrong.toString()).doesNotContain("wrong-wrong");
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"auth\"}");
            assertThat(c.next().get("error").asText())
                    .isEqualTo("'auth' needs 'token', a string; 3 failures, closing the connection");
            c.awaitClosed();
        }
    }

    @Test
    void aConnectionThatDoesNotAuthenticateInTimeIsClosedAndOthersAreNot() throws Exception {
        // A server of its own, with a short handshake time; the good client sends its token the
        // moment it is connected, so that even on a loaded machine it is in time.
        try (TestServer quick = new TestServer(TcpSettings.DEFAULTS.withLimits(
                ConnectionLimits.DEFAULTS.withHandshakeTimeout(Duration.ofSeconds(2))), Duration.ofSeconds(10), Tokens.BOTH);
             WireClient idle = quick.client();
             WireClient good = quick.client().send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"" + Tokens.ADMIN + "\"}")) {
            good.welcome();
            assertThat(good.next().get("role").asText()).isEqualTo("admin");
            idle.welcome();
            assertThat(idle.next().get("error").asText()).isEqualTo("no authentication within 2 s; closing the connection");
            idle.awaitClosed();
            good.send("{\"test\":\"still\"}");
            assertThat(good.next().get("test").asText()).isEqualTo("STILL");
        }
    }

    @Test
    void tokensAreNeverLoggedEvenAtDebug() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger messenger = ctx.getLogger("messenger");
        Level saved = messenger.getLevel();
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.setContext(ctx);
        seen.start();
        messenger.addAppender(seen);
        messenger.setLevel(Level.DEBUG);
        try (WireClient c = server.client()) {
            c.welcome();
            c.authenticate("guess-guess-guess-guess");
            c.sendRaw("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":secret-in-a-broken-frame}");
            c.next();
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"" + Tokens.ADMIN + "\"}");
            assertThat(c.next().get("role").asText()).isEqualTo("admin");
        } finally {
            messenger.detachAppender(seen);
            messenger.setLevel(saved);
        }
        assertThat(seen.list).isNotEmpty();
        assertThat(seen.list).allSatisfy(e -> assertThat(e.getFormattedMessage())
                .doesNotContain("guess-guess").doesNotContain("secret-in").doesNotContain(Tokens.ADMIN));
    }
}

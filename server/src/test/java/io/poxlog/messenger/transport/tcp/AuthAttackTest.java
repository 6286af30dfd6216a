package io.poxlog.messenger.transport.tcp;

import io.poxlog.messenger.transport.netty.ConnectionLimits;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.AuthLimits;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.LogRecords;
import io.poxlog.testing.LoggedServer;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Attack 10 of issue 10: guessing tokens. Before the fix one client tried 1,305 tokens a second,
 * each wrong one an INFO record and each refused connection a WARN, about 1,900 records a second
 * pushing the retained log out in 5 s; and a valid token reset the failure count, so guesses
 * interleaved with it were unlimited. Each attack here runs beside a {@link Canary}.
 */
class AuthAttackTest {
    private static final Duration MAX_SILENCE = Duration.ofSeconds(3);
    private static final String WRONG = "wrong-token-guess-0000000000";

    private static LoggedServer server(ConnectionLimits limits) throws Exception {
        return new LoggedServer(TcpSettings.DEFAULTS.withLimits(limits), Tokens.BOTH);
    }

    @Test
    void guessesFromOneAddressAreCheckedOnlyWithinItsBudgetAndLoggedAsASummary() throws Exception {
        int connections = 40;
        int checked = 0;
        try (LoggedServer s = server(ConnectionLimits.DEFAULTS); Canary canary = s.canary(Tokens.READ);
             LogRecords records = LogRecords.watch()) {
            for (int i = 0; i < connections; i++) {
                try (WireClient c = WireClient.connect(s.address())) {
                    c.welcome();
                    for (int guess = 0; guess < 3; guess++) {
                        JsonNode answer = c.authenticate(WRONG + i + "-" + guess);
                        assertThat(answer.path("role").isMissingNode()).as("a wrong token is refused: %s", answer).isTrue();
                        if (answer.path("error").asText().contains("unknown token")) {
                            checked++;
                        }
                    }
                    c.awaitClosed();
                }
            }
            canary.assertAlive(MAX_SILENCE);
            assertThat(records.messages()).as("records logged for %d guesses", 3 * connections).hasSizeLessThanOrEqualTo(4);
            assertThat(checked).as("guesses checked, of " + 3 * connections).isLessThanOrEqualTo(5 + 2);
        }
    }

    @Test
    void aValidTokenDoesNotResetTheFailuresOfAConnection() throws Exception {
        try (LoggedServer s = server(ConnectionLimits.DEFAULTS); Canary canary = s.canary(Tokens.READ);
             WireClient c = WireClient.connect(s.address())) {
            c.welcome();
            int refused = 0;
            for (int i = 0; i < 10 && !c.isClosed(); i++) {
                JsonNode wrong = c.authenticate(WRONG + i);
                if (wrong == null || wrong.path("error").asText().isEmpty()) {
                    break;
                }
                refused++;
                if (wrong.path("error").asText().contains("closing")) {
                    break;
                }
                assertThat(c.authenticate(Tokens.READ).path("role").asText()).isEqualTo("read");
            }
            assertThat(refused).as("wrong tokens answered on one connection between valid ones").isEqualTo(3);
            c.awaitClosed();
            canary.assertAlive(MAX_SILENCE);
        }
    }

    @Test
    void refusedConnectionsAreLoggedAsASummaryNotOneRecordEach() throws Exception {
        int attempts = 50;
        try (LoggedServer s = new LoggedServer(TcpSettings.DEFAULTS.withLimits(
                ConnectionLimits.DEFAULTS.withMaxConnections(2)), null);
             Canary canary = s.canary(null); WireClient holder = WireClient.connect(s.address());
             LogRecords records = LogRecords.watch()) {
            holder.welcome();
            for (int i = 0; i < attempts; i++) {
                try (WireClient over = WireClient.connect(s.address())) {
                    assertThat(over.next().path("error").asText()).contains("its limit");
                    over.awaitClosed();
                }
            }
            canary.assertAlive(MAX_SILENCE);
            assertThat(holder.drain()).isEmpty();
            assertThat(records.containing("onnection")).as("records logged for %d refused connections", attempts)
                    .hasSizeLessThanOrEqualTo(1);
        }
    }

    @Test
    void duringItsBackoffAnAddressIsRefusedUncheckedWithWhenToRetryAndAfterItAValidTokenPasses() throws Exception {
        Duration backoff = Duration.ofMillis(500);
        try (LoggedServer s = new LoggedServer(TcpSettings.DEFAULTS, Tokens.BOTH, n -> n.setAuthLimits(
                AuthLimits.DEFAULTS.withFailuresPerAddress(2).withBackoff(backoff, backoff)));
             Canary canary = s.canary(Tokens.READ); WireClient c = WireClient.connect(s.address())) {
            c.welcome();
            assertThat(c.authenticate(WRONG).path("error").asText())
                    .isEqualTo("authentication failed: unknown token (failure 1 of 3)");
            long blockedAt = System.nanoTime();
            assertThat(c.authenticate(WRONG).path("error").asText()).isEqualTo("authentication failed: unknown token; "
                    + "too many from 127.0.0.1: its next attempt is checked in 1 s (failure 2 of 3)");
            try (WireClient again = WireClient.connect(s.address())) {
                again.welcome();
                String refused = again.authenticate(Tokens.ADMIN).path("error").asText();
                if (System.nanoTime() - blockedAt < backoff.toNanos()) {
                    assertThat(refused).isEqualTo("authentication refused without checking the token: too many wrong "
                            + "tokens from 127.0.0.1; retry in 1 s (failure 1 of 3)");
                }
            }
            // Once the backoff is over, a valid token is checked again.
            Await.until("a valid token passes after the backoff", () -> {
                try (WireClient later = WireClient.connect(s.address())) {
                    later.welcome();
                    return "admin".equals(later.authenticate(Tokens.ADMIN).path("role").asText());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(System.nanoTime() - blockedAt).isGreaterThanOrEqualTo(backoff.toNanos());
            canary.assertAlive(MAX_SILENCE);
        }
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 14: a level beyond the known numbers is refused, with the accepted forms named;
 * it used to turn the root logger off, and with it everyone's log.
 */
class LevelRangeTest {
    private static final String ACCEPTED = "(use DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE, WARN, ALL, OFF, NOTSET "
            + "or a whole number from 0 to 50)";

    @Test
    void levelsBeyondTheKnownNumbersAreRefusedAndTheRootStaysOn() throws Exception {
        try (LogFixture fx = new LogFixture();
                Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
                WireClient attacker = fx.client(); WireClient probe = fx.client()) {
            List<String> values = List.of("99999", "\"99999\"", "1e30", "\"1e30\"", "51", "-1", "\"-1\"", "20.5",
                    "1000000000000000000000000000000");
            for (String v : values) {
                attacker.send("{\"CHANNEL\":\"log\",\"setLevels\":" + v + "}");
                String error = attacker.next(m -> m.has("error")).get("error").asText();
                assertThat(error).as(v).startsWith("'setLevels' for logger '': unknown level ").endsWith(ACCEPTED);
            }
            attacker.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"canary\":99999}}");
            assertThat(attacker.next(m -> m.has("error")).get("error").asText())
                    .isEqualTo("'setLevels' for logger 'canary': unknown level 99999 " + ACCEPTED);
            attacker.send("{\"CHANNEL\":\"log\",\"message\":\"x\",\"level\":1e30}");
            assertThat(attacker.next(m -> m.has("error")).get("error").asText())
                    .isEqualTo("'level': unknown level 1.0E30 " + ACCEPTED);
            attacker.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_x\",\"level\":\"100\"}");
            assertThat(attacker.next(m -> m.has("error")).get("error").asText())
                    .isEqualTo("join of 'log_x' refused: 'level': unknown level '100' " + ACCEPTED);
            assertThat(fx.root().getLevel()).isEqualTo(Level.DEBUG);
            assertThat(fx.logger("canary").getLevel()).isNull();
            long t = System.nanoTime();
            probe.drain();
            assertThat(Duration.ofNanos(System.nanoTime() - t)).isLessThan(MessengerProbe.MAX_ROUND_TRIP);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void everyDocumentedFormStillSetsALevel() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient admin = fx.client()) {
            String[][] cases = {
                {"\"debug\"", "DEBUG"}, {"\"Info\"", "INFO"}, {"\"WARNING\"", "WARN"}, {"\"warn\"", "WARN"},
                {"\"ERROR\"", "ERROR"}, {"\"CRITICAL\"", "ERROR"}, {"\"fatal\"", "ERROR"}, {"\"TRACE\"", "TRACE"},
                {"\"ALL\"", "ALL"}, {"\"OFF\"", "OFF"}, {"10", "DEBUG"}, {"\"20\"", "INFO"}, {"30", "WARN"},
                {"40", "ERROR"}, {"50", "ERROR"}, {"5", "TRACE"}, {"1", "TRACE"}, {"15", "INFO"}, {"45", "ERROR"},
            };
            for (String[] c : cases) {
                admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"x\":" + c[0] + "}}");
                assertThat(admin.drain()).as(c[0]).isEmpty();
                assertThat(fx.logger("x").getLevel()).as(c[0]).hasToString(c[1]);
            }
            for (String notset : List.of("0", "\"NOTSET\"", "\"0\"")) {
                fx.logger("x").setLevel(Level.INFO);
                admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"x\":" + notset + "}}");
                assertThat(admin.drain()).as(notset).isEmpty();
                assertThat(fx.logger("x").getLevel()).as(notset).isNull();
            }
        }
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WireClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 3: the logger names a client sends are bounded, and so are the loggers remote
 * commands create in all, and what {@code get_levels} replies. Each attack runs beside a canary
 * subscriber and a second client whose round trip must be answered within a deadline.
 */
class LoggerNameBoundsTest {

    private LogFixture fx;
    private Canary canary;
    private WireClient attacker;
    private MessengerProbe probe;

    @BeforeEach
    void start() throws Exception {
        fx = new LogFixture();
        canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
        attacker = fx.client();
        probe = MessengerProbe.start(fx.transport.boundAddress());
    }

    @AfterEach
    void stop() throws Exception {
        probe.close();
        attacker.close();
        canary.close();
        fx.close();
    }

    /** The messenger answered another client within the deadline throughout, and the canary lived. */
    private void othersWentOn() throws Exception {
        probe.assertAnsweredWithin(MessengerProbe.MAX_ROUND_TRIP);
        canary.assertAlive(Canary.MAX_SILENCE);
    }

    private String error() throws InterruptedException {
        return attacker.next(m -> "error".equals(m.path("cmd").asText())).get("error").asText();
    }

    @Test
    void anInjectedRecordWhoseSubsystemHasTwentyThousandSegmentsIsRefusedAndCreatesNothing() throws Exception {
        String deep = "deep" + ".a".repeat(19_999);
        attacker.send(Json.object().put("CHANNEL", "log").put("message", "x").put("subsystem", deep));
        assertThat(error()).isEqualTo("'subsystem': logger name '" + deep.substring(0, 61) + "...' is "
                + deep.length() + " characters long; the limit is 256");
        assertThat(fx.context.exists("deep")).isNull();
        othersWentOn();
    }

    @Test
    void aShortNameOfTooManySegmentsIsRefusedToo() throws Exception {
        String name = "s" + ".s".repeat(32);
        attacker.send(Json.object().put("CHANNEL", "log").set("setLevels", Json.object().put(name, "INFO")));
        assertThat(error()).isEqualTo("'setLevels': logger name '" + name.substring(0, 61) + "...' has 33 parts; "
                + "the limit is 32 (parts are separated by '.' or '$')");
        assertThat(fx.context.exists("s")).isNull();
        othersWentOn();
    }

    @Test
    void aLoggerTheControllerHasMayBeNamedWhateverItsLength() throws Exception {
        String name = "app" + ".x".repeat(40);
        fx.logger(name);
        attacker.send(Json.object().put("CHANNEL", "log").set("setLevels", Json.object().put(name, "ERROR")));
        assertThat(attacker.drain()).isEmpty();
        assertThat(fx.logger(name).getLevel()).hasToString("ERROR");
        othersWentOn();
    }

    @Test
    void setLevelsWithTwoThousandNewNamesIsRefusedWholeAndCreatesNothing() throws Exception {
        ObjectNode levels = Json.object();
        for (int i = 0; i < 2000; i++) {
            levels.put("wide.n" + i, "INFO");
        }
        attacker.send(Json.object().put("CHANNEL", "log").set("setLevels", levels));
        assertThat(error()).isEqualTo("the message names 2000 loggers; the limit is 1000 per message (setLevels, "
                + "raiseLevels, lowerLevels, subsystems, add_subsystems and remove_subsystems together)");
        assertThat(fx.context.exists("wide")).isNull();
        othersWentOn();
    }

    @Test
    void theNamesOfAllKeysOfOneMessageCountTogether() throws Exception {
        ObjectNode join = Json.object().put("CHANNEL", "").put("cmd", "join_channel").put("channel", "log_many");
        ObjectNode levels = join.putObject("lowerLevels");
        ArrayNode subsystems = join.putArray("subsystems");
        for (int i = 0; i < 600; i++) {
            levels.put("many.n" + i, "ERROR");
            subsystems.add("many.n" + i);
        }
        attacker.send(join);
        assertThat(error()).isEqualTo("join of 'log_many' refused: the message names 1200 loggers; the limit is 1000 "
                + "per message (setLevels, raiseLevels, lowerLevels, subsystems, add_subsystems and remove_subsystems together)");
        assertThat(fx.context.exists("many")).isNull();
        othersWentOn();
    }

    @Test
    void remoteCommandsCreateAtMostTwoThousandLoggersInAll() throws Exception {
        int messages = LoggerLimits.DEFAULT_MAX_CREATED_LOGGERS / 1000;
        for (int m = 0; m < messages; m++) {
            ObjectNode levels = Json.object();
            for (int i = 0; i < 1000; i++) {
                levels.put(String.format("b%02d_%04d", m, i), "INFO");
            }
            attacker.send(Json.object().put("CHANNEL", "log").set("setLevels", levels));
            assertThat(attacker.drain()).as("message %d", m).isEmpty();
        }
        attacker.send(Json.object().put("CHANNEL", "log").set("setLevels", Json.object().put("one.more", "INFO")));
        assertThat(error()).isEqualTo("this message would create 2 new loggers; remote commands may create 2000 in all, "
                + "and have created 2000 (name loggers the controller has)");
        assertThat(fx.context.exists("one")).isNull();
        attacker.send(Json.object().put("CHANNEL", "log").put("message", "x").put("subsystem", "fresh"));
        assertThat(error()).startsWith("this message would create 1 new logger; ");
        attacker.send(Json.object().put("CHANNEL", "log").set("setLevels", Json.object().put("fresh", "NOTSET")));
        assertThat(attacker.drain()).as("NOTSET for a logger that does not exist creates nothing").isEmpty();
        // Loggers that exist are still everyone's to set and to log as.
        attacker.send(Json.object().put("CHANNEL", "log").put("message", "x").put("subsystem", "b00_0001")
                .set("setLevels", Json.object().put("b01_0999", "DEBUG").put("canary", "WARNING")));
        assertThat(attacker.drain()).isEmpty();
        assertThat(fx.logger("b01_0999").getLevel()).hasToString("DEBUG");
        othersWentOn();
    }

    @Test
    void getLevelsRepliesAtMostFiveThousandLoggersAndSaysHowManyMatched() throws Exception {
        for (int i = 0; i < 6000; i++) {
            fx.logger(String.format("app.c%04d", i));
        }
        int all = fx.context.getLoggerList().size();
        attacker.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"XID\":1}");
        JsonNode r = attacker.next(m -> m.has("levels"));
        assertThat(r.get("levels").size()).isEqualTo(5000);
        assertThat(r.get("total").asInt()).isEqualTo(all);
        assertThat(r.get("truncated").asBoolean()).isTrue();
        assertThat(r.get("levels").has("")).as("sorted by name: the root comes first").isTrue();
        othersWentOn();
    }

    @Test
    void getLevelsTakesAPrefixAndALimit() throws Exception {
        for (int i = 0; i < 30; i++) {
            fx.logger(String.format("app.c%02d", i));
        }
        fx.logger("app.c01.sub");
        fx.logger("app.c010x");
        attacker.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"prefix\":\"app.c01\"}");
        JsonNode r = attacker.next(m -> m.has("levels"));
        assertThat(r.get("levels").fieldNames()).toIterable().containsExactly("app.c01", "app.c01.sub");
        assertThat(r.get("total").asInt()).isEqualTo(2);
        assertThat(r.get("truncated").asBoolean()).isFalse();
        attacker.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"prefix\":\"app\",\"limit\":3}");
        r = attacker.next(m -> m.has("levels"));
        assertThat(r.get("levels").fieldNames()).toIterable().containsExactly("app", "app.c00", "app.c01");
        assertThat(r.get("total").asInt()).isEqualTo(33);
        assertThat(r.get("truncated").asBoolean()).isTrue();
        attacker.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"limit\":0}");
        r = attacker.next(m -> m.has("levels"));
        assertThat(r.get("levels").size()).isZero();
        assertThat(r.get("total").asInt()).isEqualTo(fx.context.getLoggerList().size());
        attacker.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"limit\":5001}");
        assertThat(error()).isEqualTo("'limit' must be a whole number from 0 to 5000, not 5001");
        attacker.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"prefix\":5}");
        assertThat(error()).isEqualTo("'prefix' must be a logger name or null, not 5");
        othersWentOn();
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timed level changes (issue 15, PROTOCOL.md §5.4) on a real wire, with time moved by hand
 * ({@link ManualLevelClock}): what each change reverts to, and when.
 */
class TimedLevelsTest {
    private static final double START = ManualLevelClock.START_MILLIS / 1000.0;

    private final ManualLevelClock clock = new ManualLevelClock();
    private LogFixture fx;

    private LogFixture start(LogServiceConfig config) throws Exception {
        fx = new LogFixture(config, null, clock);
        clock.runOn(fx.nexus);
        return fx;
    }

    @AfterEach
    void stop() throws Exception {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void aTimedSetLevelsRevertsToTheConfiguredLevelAfterItsTimeAndIsAnswered() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        fx.logger("openflow").setLevel(Level.INFO);
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"},\"for\":300,\"XID\":7}");
            JsonNode reply = c.next(m -> m.has("levels_timed"));
            assertThat(reply.get("XID").asInt()).isEqualTo(7);
            assertThat(reply.get("CHANNEL").asText()).isEmpty(); // as errors: a log channel carries records only
            assertThat(reply.get("cmd").asText()).isEqualTo("levels_timed");
            assertThat(reply.get("request_channel").asText()).isEqualTo("log");
            assertThat(reply.get("for").asInt()).isEqualTo(300);
            assertThat(reply.get("capped").asBoolean()).isFalse();
            JsonNode entry = reply.get("levels_timed").get("openflow");
            assertThat(entry.get("until").asDouble()).isEqualTo(START + 300);
            assertThat(entry.get("revert_to").asText()).isEqualTo("INFO");
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            clock.advance(Duration.ofSeconds(299));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            clock.advance(Duration.ofSeconds(1));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.INFO);
            assertThat(levels(c, "openflow").has("until")).isFalse();
        }
    }

    @Test
    void aLoggerThatInheritedInheritsAgainAndOneTheChangeCreatedToo() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        fx.logger("web");
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"web\":\"ERROR\",\"fresh.one\":10},\"for\":0.5}");
            JsonNode reply = c.next(m -> m.has("levels_timed"));
            assertThat(reply.get("for").asDouble()).isEqualTo(0.5);
            assertThat(reply.get("levels_timed").get("web").get("revert_to").isNull()).isTrue();
            assertThat(fx.logger("fresh.one").getLevel()).isEqualTo(Level.DEBUG);
            clock.advance(Duration.ofMillis(500));
            assertThat(fx.logger("web").getLevel()).isNull();
            assertThat(fx.logger("fresh.one").getLevel()).isNull();
        }
    }

    @Test
    void aLaterUntimedChangeReplacesThePendingRevert() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"},\"for\":60}");
            c.next(m -> m.has("levels_timed"));
            clock.advance(Duration.ofSeconds(30));
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"WARNING\"}}");
            assertThat(c.drain()).isEmpty(); // untimed: not answered, as POX's (and c is in no log channel)
            clock.advance(Duration.ofSeconds(60));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.WARN);
            assertThat(levels(c, "openflow").has("until")).isFalse();
        }
    }

    @Test
    void aTimedChangeOnATimedChangeRevertsToTheLevelBeforeTheFirstAtTheLaterTime() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        fx.logger("openflow").setLevel(Level.INFO);
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"},\"for\":60}");
            c.next(m -> m.has("levels_timed"));
            clock.advance(Duration.ofSeconds(10));
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"TRACE\"},\"for\":100}");
            JsonNode entry = c.next(m -> m.has("levels_timed")).get("levels_timed").get("openflow");
            assertThat(entry.get("revert_to").asText()).isEqualTo("INFO");
            assertThat(entry.get("until").asDouble()).isEqualTo(START + 110);
            JsonNode level = levels(c, "openflow");
            assertThat(level.get("configured").asText()).isEqualTo("TRACE");
            assertThat(level.get("until").asDouble()).isEqualTo(START + 110);
            assertThat(level.get("revert_to").asText()).isEqualTo("INFO");
            clock.advance(Duration.ofSeconds(90));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.TRACE);
            clock.advance(Duration.ofSeconds(10));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.INFO);
        }
    }

    @Test
    void raiseAndLowerLevelsAreTimedWhenTheyActAndLeaveAloneWhatTheyDoNotChange() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        fx.logger("quiet").setLevel(Level.WARN);
        fx.logger("chatty").setLevel(Level.DEBUG);
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"raiseLevels\":{\"quiet\":\"INFO\",\"chatty\":\"INFO\"},\"for\":60}");
            JsonNode timed = c.next(m -> m.has("levels_timed")).get("levels_timed");
            assertThat(timed.has("quiet")).isTrue();
            assertThat(timed.has("chatty")).isFalse(); // already logs INFO: left alone, nothing to revert
            c.send("{\"CHANNEL\":\"log\",\"lowerLevels\":{\"chatty\":\"ERROR\"},\"for\":30}");
            c.next(m -> m.has("levels_timed"));
            assertThat(fx.logger("quiet").getLevel()).isEqualTo(Level.INFO);
            assertThat(fx.logger("chatty").getLevel()).isEqualTo(Level.ERROR);
            clock.advance(Duration.ofSeconds(30));
            assertThat(fx.logger("chatty").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(fx.logger("quiet").getLevel()).isEqualTo(Level.INFO);
            clock.advance(Duration.ofSeconds(30));
            assertThat(fx.logger("quiet").getLevel()).isEqualTo(Level.WARN);
        }
    }

    @Test
    void aBadForIsRefusedNamingTheBoundAndChangesNothing() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        try (WireClient c = fx.client()) {
            for (String bad : new String[] {"0", "-5", "\"5m\"", "604801", "true", "1e30"}) {
                c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"},\"for\":" + bad + ",\"XID\":1}");
                assertThat(c.next(m -> m.has("error")).get("error").asText()).isEqualTo(
                        "'for' must be a number of seconds, more than 0 and at most 604800 (7 days), not "
                                + (bad.equals("1e30") ? "1.0E30" : bad));
            }
            c.send("{\"CHANNEL\":\"log\",\"message\":\"x\",\"for\":60}");
            assertThat(c.next(m -> m.has("error")).get("error").asText())
                    .isEqualTo("'for' times setLevels, raiseLevels and lowerLevels; this message has none");
            c.drain();
            assertThat(fx.logger("openflow").getLevel()).isNull();
            assertThat(clock.waiting()).isZero();
        }
    }

    @Test
    void everShorterDurationsReplaceTheOneTimerRatherThanPileTimersUp() throws Exception {
        start(LogServiceConfig.DEFAULTS);
        try (WireClient c = fx.client()) {
            for (int i = 0; i < 200; i++) {
                c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"l" + (i % 7) + "\":\"DEBUG\"},\"for\":" + (1000 - i) + "}");
            }
            c.drain();
            assertThat(clock.waiting()).isEqualTo(1);
            clock.advance(Duration.ofSeconds(1000));
            for (int i = 0; i < 7; i++) {
                assertThat(fx.logger("l" + i).getLevel()).isNull();
            }
            assertThat(clock.waiting()).isZero();
        }
    }

    @Test
    void theCapTimesEveryRemoteChangeAndTheReplySaysItWasCapped() throws Exception {
        start(LogServiceConfig.DEFAULTS.withMaxLevelFor(600));
        fx.logger("openflow").setLevel(Level.INFO);
        try (WireClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"openflow\":\"DEBUG\"}}");
            JsonNode untimed = c.next(m -> m.has("levels_timed"));
            assertThat(untimed.get("capped").asBoolean()).isTrue();
            assertThat(untimed.get("for").asInt()).isEqualTo(600);
            assertThat(untimed.get("max_level_for").asInt()).isEqualTo(600);
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"web\":\"DEBUG\"},\"for\":3600}");
            JsonNode longer = c.next(m -> m.has("levels_timed"));
            assertThat(longer.get("capped").asBoolean()).isTrue();
            assertThat(longer.get("levels_timed").get("web").get("until").asDouble()).isEqualTo(START + 600);
            c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"short\":\"DEBUG\"},\"for\":60}");
            JsonNode shorter = c.next(m -> m.has("levels_timed"));
            assertThat(shorter.get("capped").asBoolean()).isFalse();
            assertThat(shorter.has("max_level_for")).isFalse();
            clock.advance(Duration.ofSeconds(600));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.INFO);
            assertThat(fx.logger("web").getLevel()).isNull();
        }
    }

    /** The get_levels entry of {@code name}. */
    private static JsonNode levels(WireClient c, String name) throws Exception {
        c.send("{\"CHANNEL\":\"log\",\"cmd\":\"get_levels\",\"prefix\":\"" + name + "\",\"XID\":\"levels\"}");
        return c.next(m -> m.has("levels")).get("levels").get(name);
    }

    static void settle(LogFixture fx) throws Exception {
        fx.nexus.call(() -> null).get(10, TimeUnit.SECONDS);
    }
}

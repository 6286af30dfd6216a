package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WireClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A subscription's grep and exclude (issue 11): RE2/J regexes over logger name and message. */
class SubscriptionFilterTest {
    private LogFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new LogFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    /** The messages of the records that arrive until one holds {@code last}, which is included. */
    private static List<String> messagesUntil(WireClient c, String last) throws InterruptedException {
        return messagesUntil(c, last, List.of());
    }

    /** As above, after the records among {@code early} (what a drain returned). */
    private static List<String> messagesUntil(WireClient c, String last, List<JsonNode> early) throws InterruptedException {
        List<String> out = new ArrayList<>();
        early.stream().filter(m -> m.has("message")).forEach(m -> out.add(m.get("message").asText()));
        while (true) {
            JsonNode m = c.next();
            if (m.has("message")) {
                out.add(m.get("message").asText());
                if (m.get("message").asText().equals(last)) {
                    return out;
                }
            }
        }
    }

    private static String join(String channel, String keys) {
        return "{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\"," + keys + "}";
    }

    @Test
    void aPatternRE2CannotCompileIsRefusedNamingThePositionAndChangesNothing() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.client()) {
            c.send(join(ch, "\"grep\":\"(abc\""));
            assertThat(c.next().get("error").asText())
                    .isEqualTo("join of '" + ch + "' refused: 'grep': missing closing ) for the ( at position 0 in '(abc'");
            c.send(join(ch, "\"grep\":\"keep\""));
            c.drain();
            c.send("{\"CHANNEL\":\"" + ch + "\",\"exclude\":\"a)b\",\"json\":true}");
            assertThat(c.next().get("error").asText()).isEqualTo("'exclude': unexpected ) at position 1 in 'a)b'");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"grep\":\"ok|x**\"}");
            assertThat(c.next().get("error").asText())
                    .isEqualTo("'grep': invalid nested repetition operator `**` at position 4 in 'ok|x**'");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"grep\":\"(?=look)ahead\"}");
            assertThat(c.next().get("error").asText())
                    .isEqualTo("'grep': invalid or unsupported Perl syntax `(?=` at position 0 in '(?=look)ahead'");
            c.send("{\"CHANNEL\":\"" + ch + "\",\"grep\":5}");
            assertThat(c.next().get("error").asText()).isEqualTo("'grep' must be a regex (a string) or null, not 5");
            fx.logger("x").info("dropped");
            fx.logger("x").info("keep");
            assertThat(messagesUntil(c, "keep")).as("the refused settings changed nothing").containsExactly("keep");
        }
    }

    @Test
    void aLongOrLargePatternIsRefused() throws Exception {
        String ch = LogFixture.channel();
        try (WireClient c = fx.client()) {
            c.send(join(ch, "\"grep\":\"" + "a".repeat(1025) + "\""));
            assertThat(c.next().get("error").asText())
                    .isEqualTo("join of '" + ch + "' refused: 'grep' is 1025 characters long; the limit is 1024");
            c.send(join(ch, "\"exclude\":\"((a{1000}){1000}){1000}\""));
            assertThat(c.next().get("error").asText()).isEqualTo("join of '" + ch + "' refused: 'exclude' would "
                    + "compile to about 1001001001 instructions; the limit is 500 (a counted repetition such as x{100} "
                    + "is that many copies of x)");
            c.send(join(ch, "\"grep\":\"[a-z]{500}\""));
            assertThat(c.next().get("error").asText()).isEqualTo("join of '" + ch + "' refused: 'grep' compiles to "
                    + "502 instructions; the limit is 500 (a counted repetition such as x{100} is that many copies of x)");
        }
    }

    @Test
    void aPatternThatWouldBacktrackCostsLinearTimeAndOthersGoOn() throws Exception {
        try (Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
                MessengerProbe probe = MessengerProbe.start(fx.transport.boundAddress());
                WireClient attacker = fx.client()) {
            String ch = LogFixture.channel();
            // In a backtracking engine (x+x+)+y takes time exponential in a run of x without a y.
            attacker.send(join(ch, "\"grep\":\"(x+x+)+y\",\"subsystems\":[\"attack\"]"));
            attacker.drain();
            // A backtracking engine would not finish one of these (it tries every way of
            // splitting the run between the two x+); few enough that, even run cold on a loaded
            // machine, they stay within the pattern's share of the service thread (FilterBudget).
            String xs = "x".repeat(1000);
            for (int i = 0; i < 3; i++) {
                attacker.send(Json.object().put("CHANNEL", "log").put("subsystem", "attack").put("level", "INFO")
                        .put("message", xs));
            }
            attacker.send(Json.object().put("CHANNEL", "log").put("subsystem", "attack").put("level", "INFO")
                    .put("message", "xxy"));
            assertThat(messagesUntil(attacker, "xxy")).containsExactly("xxy");
            probe.assertAnsweredWithin(MessengerProbe.MAX_ROUND_TRIP);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void manyLargePatternsOverLongMessagesTakeOnlyTheirShareOfTheServiceThread() throws Exception {
        try (Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
                MessengerProbe probe = MessengerProbe.start(fx.transport.boundAddress());
                WireClient attacker = fx.client()) {
            // 482 instructions each, nearly all alive at once over text of the class broken up
            // before it can match: each find over 4096 characters takes milliseconds.
            for (int i = 0; i < 16; i++) {
                attacker.send(join(LogFixture.channel(), "\"grep\":\"[a-z0-9 ]{480}\",\"subsystems\":[\"attack\"]"));
            }
            attacker.drain();
            String text = ("abcdefghi ".repeat(47) + "#").repeat(9);
            for (int i = 0; i < 100; i++) {
                attacker.send(Json.object().put("CHANNEL", "log").put("subsystem", "attack").put("level", "INFO")
                        .put("message", text));
            }
            attacker.drain();
            canary.assertAlive(Canary.MAX_SILENCE);
            probe.assertAnsweredWithin(MessengerProbe.MAX_ROUND_TRIP);
        }
    }
}

package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 8: the viewer's filters go to the controller, so {@code --backlog N} is the last
 * N records that pass, not those among the last N; a {@code --grep} RE2 cannot run is applied by
 * the viewer alone and said once; a POX controller is sent none and the backlog is said to be
 * missing there. Real pox-log processes against real controllers.
 */
class ServerFilterTest {

    @Test
    void backlogFiveWithMinLevelErrorIsTheLastFiveErrors() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            for (int i = 1; i <= 7; i++) {
                fx.logger("switch").error("error {}", i);
            }
            for (int i = 1; i <= 30; i++) {
                fx.logger("switch").info("fine {}", i);
            }
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--backlog", "5", "--min-level", "ERROR", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.lines(5)).containsExactly("ERROR|switch|error 3", "ERROR|switch|error 4", "ERROR|switch|error 5",
                        "ERROR|switch|error 6", "ERROR|switch|error 7");
                fx.logger("switch").info("not shown");
                fx.logger("switch").error("live");
                assertThat(p.line()).isEqualTo("ERROR|switch|live");
            }
        }
    }

    @Test
    void grepGoesToTheControllerSoTheBacklogIsTheLastMatches() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            for (int i = 1; i <= 4; i++) {
                fx.logger("openflow.of_01").info("switch {} up", i);
                for (int j = 0; j < 10; j++) {
                    fx.logger("openflow.of_01").info("packet in {}", j);
                }
            }
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--backlog", "3", "--grep", "switch \\d+ up",
                    "--exclude", "switch 4", "--port", String.valueOf(fx.port()))) {
                assertThat(p.lines(3)).containsExactly("INFO|openflow.of_01|switch 1 up", "INFO|openflow.of_01|switch 2 up",
                        "INFO|openflow.of_01|switch 3 up");
                assertThat(p.errLines()).noneMatch(l -> l.contains("applied here only"));
            }
        }
    }

    @Test
    void aGrepRe2CannotRunIsAppliedHereOnlyAndSaidOnce() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("a").info("foobar");
            fx.logger("a").info("foobaz");
            // A lookahead: Java's, not RE2's. The controller is not sent it; the viewer filters.
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--backlog", "2", "--grep", "foo(?=bar)", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.line()).isEqualTo("INFO|a|foobar");
                assertThat(p.errLine("applied here only")).isEqualTo("--grep 'foo(?=bar)' is applied here only: it is not RE2 "
                        + "syntax, which the controller speaks (invalid or unsupported Perl syntax); so the backlog is the last "
                        + "records before it, and all records cross the network");
                fx.logger("a").info("foobaz again");
                fx.logger("a").info("foobar again");
                assertThat(p.line()).isEqualTo("INFO|a|foobar again");
                p.errLine("Connected");
                assertThat(p.errLines()).filteredOn(l -> l.contains("applied here only")).hasSize(1);
            }
        }
    }

    @Test
    void aPoxControllerIsSentNoFilterAndTheMissingBacklogIsSaid() throws Exception {
        try (ScriptedController sc = new ScriptedController();
             PoxLogProcess p = PoxLogProcess.start("--plain", "--backlog", "5", "--min-level", "WARNING", "--grep", "x",
                     "--port", String.valueOf(sc.port()))) {
            ScriptedController.Peer pox = sc.accept(PoxLogProcess.DEADLINE);
            pox.send(ScriptedController.welcome(false, null, (String[]) null));
            JsonNode join = pox.next(m -> "join_channel".equals(m.path("cmd").asText()));
            assertThat(join.has("level")).isFalse();
            assertThat(join.has("grep")).isFalse();
            assertThat(p.errLine("Connected")).endsWith(": a POX controller keeps no backlog: records from now on only ==");
            String ch = join.get("channel").asText();
            pox.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"x quiet\",\"levelname\":\"INFO\",\"levelno\":20,\"name\":\"a\"}");
            pox.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"y loud\",\"levelname\":\"ERROR\",\"levelno\":40,\"name\":\"a\"}");
            pox.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"x loud\",\"levelname\":\"ERROR\",\"levelno\":40,\"name\":\"a\"}");
            assertThat(p.line()).isEqualTo("ERROR|a|x loud"); // filtered here
        }
    }

    @Test
    void aControllerThatRefusesThePatternIsJoinedAgainWithoutItAndThatIsSaid() throws Exception {
        try (ScriptedController sc = new ScriptedController();
             PoxLogProcess p = PoxLogProcess.start("--plain", "--min-level", "INFO", "--grep", "of_0[12]",
                     "--port", String.valueOf(sc.port()))) {
            ScriptedController.Peer ours = sc.accept(PoxLogProcess.DEADLINE);
            ours.send(ScriptedController.welcome(false, "run1", ScriptedController.LOG_SERVICE));
            JsonNode join = ours.next(m -> "join_channel".equals(m.path("cmd").asText()));
            assertThat(join.path("grep").asText()).isEqualTo("of_0[12]");
            ours.send("{\"CHANNEL\":\"\",\"cmd\":\"error\",\"XID\":\"" + join.get("XID").asText() + "\",\"error\":\"join of '"
                    + join.get("channel").asText() + "' refused: 'grep' would compile to about 1600 instructions; the limit is 500\"}");
            ours.answerProbe(ours.next(m -> m.has("test")));
            JsonNode again = ours.next(m -> "join_channel".equals(m.path("cmd").asText()));
            assertThat(again.has("grep")).isFalse();
            assertThat(again.path("level").asInt()).isEqualTo(20);
            assertThat(p.errLine("applied here only")).contains("the controller refused the subscription's --grep/--exclude");
            ours.answerProbe(ours.next(m -> m.has("test")));
            assertThat(p.errLine("Connected")).doesNotContain("refused");
        }
    }

    @Test
    void theJoinCarriesTheFiltersToOurControllers() throws Exception {
        try (ScriptedController sc = new ScriptedController();
             PoxLogProcess p = PoxLogProcess.start("--plain", "--min-level", "warn", "--grep", "of_0[12]", "--exclude", "LLDP",
                     "--port", String.valueOf(sc.port()))) {
            ScriptedController.Peer ours = sc.accept(PoxLogProcess.DEADLINE);
            ours.send(ScriptedController.welcome(false, "run1", ScriptedController.LOG_SERVICE));
            JsonNode join = ours.next(m -> "join_channel".equals(m.path("cmd").asText()));
            assertThat(join.path("level").asInt()).isEqualTo(30);
            assertThat(List.of(join.path("grep").asText(), join.path("exclude").asText())).containsExactly("of_0[12]", "LLDP");
            assertThat(join.has("backlog")).isFalse();
        }
    }
}

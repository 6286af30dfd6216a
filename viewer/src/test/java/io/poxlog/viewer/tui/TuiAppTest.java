package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyType;
import io.poxlog.viewer.testing.ControllerFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The terminal UI on a virtual terminal, following a real controller over a real socket. */
class TuiAppTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void recordsArriveAsRowsOfTimeLevelLoggerAndMessage() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("openflow.of_01").info("[00-00-00-00-00-01 1] connected");
            fx.logger("forwarding.l2_learning").warn("Same port for packet. Drop.");
            fx.logger("openflow.discovery").error("link timeout");
            ui.awaitText("link timeout");
            assertThat(ui.pane()).containsExactly(
                    "hh:mm:ss.mmm INFO     openflow.of_01       [00-00-00-00-00-01 1] connected",
                    "hh:mm:ss.mmm WARNING  \u2026warding.l2_learning Same port for packet. Drop.",
                    "hh:mm:ss.mmm ERROR    openflow.discovery   link timeout");
            assertThat(ui.rows().get(0)).isEqualTo(" pox-log \u2502 127.0.0.1:" + fx.port() + " connected");
            assertThat(ui.statsBar()).startsWith(" FOLLOW ").contains("held 3/1,000").contains("dropped 0")
                    .contains("filter: none");
            assertThat(ui.selectedRow()).contains("link timeout"); // following: the newest is selected
            assertThat(ui.at(13, 3).getForegroundColor()).isEqualTo(Palette.level(40)); // ERROR in its colour
        }
    }

    @Test
    void searchSelectsTheNewestMatchHighlightsItAndNGoesToOlderOnes() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            for (String m : List.of("alpha one", "beta", "alpha two", "gamma")) {
                fx.logger("app").info(m);
            }
            ui.awaitText("gamma");
            ui.type("/alpha");
            ui.awaitScreen("the prompt shows what is typed", s -> ui.bottomLine().equals("/alpha"));
            ui.press(KeyType.Enter);
            ui.awaitScreen("the newest match is selected", s -> String.valueOf(ui.selectedRow()).contains("alpha two"));
            assertThat(ui.statsBar()).startsWith(" PAUSED").contains("search: /alpha/");
            int row = ui.rows().indexOf(ui.selectedRow());
            int col = ui.rows().get(row).indexOf("alpha");
            TextCharacter match = ui.at(col, row);
            assertThat(match.getBackgroundColor()).isEqualTo(Palette.MATCH_BG);
            assertThat(ui.at(col - 2, row).getBackgroundColor()).isNotEqualTo(Palette.MATCH_BG);
            int other = ui.rows().indexOf("hh:mm:ss.mmm INFO     app                  alpha one");
            assertThat(ui.at(ui.rows().get(other).indexOf("alpha"), other).getBackgroundColor()).isEqualTo(Palette.MATCH_BG);

            ui.type("n");
            ui.awaitScreen("n selects the older match", s -> String.valueOf(ui.selectedRow()).contains("alpha one"));
            ui.type("n");
            ui.awaitScreen("n wraps to the newest", s -> String.valueOf(ui.selectedRow()).contains("alpha two"));
            assertThat(ui.bottomLine()).isEqualTo("search wrapped to the newest record");
            ui.type("/(unclosed");
            ui.press(KeyType.Enter);
            ui.awaitScreen("a bad regex is refused", s -> ui.bottomLine().startsWith("bad regex: Unclosed group"));
        }
    }

    @Test
    void filterFilterOutAndMinLevelChangeWhatIsShown() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("openflow.of_01").info("switch 1");
            fx.logger("openflow.of_02").warn("switch 2");
            fx.logger("openflow.of_03").error("switch 3");
            fx.logger("web").debug("GET /");
            ui.awaitText("GET /");
            ui.command("filter of_0[12]");
            ui.awaitScreen("only of_01 and of_02", s -> ui.pane().size() == 2);
            assertThat(ui.pane()).allMatch(r -> r.contains("of_01") || r.contains("of_02"));
            assertThat(ui.statsBar()).contains("shown 2").contains("filter: filter /of_0[12]/i");
            ui.awaitScreen("it says what is shown",
                    s -> ui.bottomLine().equals("showing 2 of 4 records held (filter /of_0[12]/i)"));

            ui.command("filter-out switch 2");
            ui.awaitScreen("switch 2 hidden", s -> ui.pane().size() == 1 && ui.pane().get(0).endsWith("switch 1"));

            ui.command("filter");
            ui.command("filter-out");
            ui.command("min-level WARNING");
            ui.awaitScreen("WARNING and up", s -> ui.statsBar().contains("filter: level>=30"));
            assertThat(ui.pane()).hasSize(2).allMatch(r -> r.contains("WARNING") || r.contains("ERROR"));

            fx.logger("openflow.of_04").info("later, filtered out");
            fx.logger("openflow.of_04").error("later, shown");
            ui.awaitText("later, shown");
            assertThat(ui.screen()).doesNotContain("later, filtered out");

            ui.command("min-level LOUD");
            ui.awaitScreen("a bad level is refused", s -> ui.bottomLine().startsWith("unknown level 'LOUD'"));
            ui.command("clear");
            ui.awaitScreen("cleared", s -> ui.pane().size() == 1 && ui.pane().get(0).contains("waiting for records from"));
        }
    }

    @Test
    void levelCommandsChangeTheControllersLevels() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.root().setLevel(Level.INFO);
            fx.logger("openflow.of_01").debug("not logged at INFO");
            fx.logger("openflow.of_01").info("logged at INFO");
            ui.awaitText("logged at INFO");
            ui.command("level openflow DEBUG");
            ControllerFixture.await("openflow at DEBUG", () -> Level.DEBUG.equals(fx.logger("openflow").getLevel()));
            ui.awaitScreen("it says so", s -> ui.bottomLine().equals("set openflow to DEBUG on 1 controller"));
            // and, above it, what the controller did (issue 15: one line per controller)
            ui.awaitScreen("the controller's answer", s -> s.contains("\n  127.0.0.1:" + fx.port() + ": applied\n"));
            fx.logger("openflow.of_01").debug("logged at DEBUG now");
            fx.logger("web").debug("web stays at INFO");
            fx.logger("web").info("web at INFO");
            ui.awaitText("web at INFO");
            // The controller audits the change (issue 15): a record of its own, in the stream.
            assertThat(ui.pane()).filteredOn(l -> l.contains("log_service.audit")).singleElement().asString()
                    .contains("level of 'openflow': NOTSET (inherits INFO) -> DEBUG, untimed, by session");
            assertThat(ui.pane()).filteredOn(l -> !l.contains("log_service.audit") && !l.startsWith("  127.0.0.1:")).containsExactly(
                    "hh:mm:ss.mmm INFO     openflow.of_01       logged at INFO",
                    "hh:mm:ss.mmm DEBUG    openflow.of_01       logged at DEBUG now",
                    "hh:mm:ss.mmm INFO     web                  web at INFO");

            ui.command("level openflow default");
            ControllerFixture.await("openflow inherits", () -> fx.logger("openflow").getLevel() == null);
            ui.command("level root warn");
            ControllerFixture.await("root at WARN", () -> Level.WARN.equals(fx.root().getLevel()));
            ui.command("level \"\" INFO");
            ControllerFixture.await("root at INFO", () -> Level.INFO.equals(fx.root().getLevel()));
            ui.command("level root default");
            ui.awaitScreen("the root cannot inherit", s -> ui.bottomLine().contains("the root logger has no parent"));
            assertThat(fx.root().getLevel()).isEqualTo(Level.INFO);

            ui.command("level openflow LOUD");
            ui.awaitScreen("a bad level is refused", s -> ui.bottomLine().startsWith("unknown level 'LOUD'"));
            ui.command("level openflow");
            ui.awaitScreen("usage", s -> ui.bottomLine().startsWith("usage: level LOGGER LEVEL"));
            ui.command("frobnicate now");
            ui.awaitScreen("an unknown command is refused",
                    s -> ui.bottomLine().startsWith("unknown command 'frobnicate'; commands: level"));
            assertThat(fx.logger("openflow").getLevel()).isNull();
        }
    }

    @Test
    void levelForALoggerTheControllerNeverReportedIsSetAndSaidSo() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("openflow.discovery").info("up");
            ui.awaitText("up");
            ui.command("level openflow.discovry WARNING");
            ui.awaitScreen("the typo is said", s -> ui.bottomLine().contains(
                    ":" + fx.port() + " had never reported a logger 'openflow.discovry': it has one now (a typo? L lists the loggers)"));
            assertThat(fx.logger("openflow.discovry").getLevel()).isEqualTo(Level.WARN);
            ui.command("level openflow.discovery ERROR");
            ui.awaitScreen("a known one is just set", s -> ui.bottomLine().equals("set openflow.discovery to ERROR on 1 controller"));
            ControllerFixture.await("set", () -> Level.ERROR.equals(fx.logger("openflow.discovery").getLevel()));
            assertThat(ui.bottomLine()).isEqualTo("set openflow.discovery to ERROR on 1 controller");
        }
    }

    @Test
    void aRecordWithEscapeSequencesIsDrawnHarmlessly() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("evil\u001b[31m").info("before \u001b[2J\u001b]0;owned\u0007 \u009b6n after");
            ui.awaitText("after");
            assertThat(ui.pane()).containsExactly(
                    "hh:mm:ss.mmm INFO     evil^[[31m           before ^[[2J^[]0;owned^G <9b>6n after");
            for (String row : ui.rows()) {
                assertThat(row.chars()).noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f);
            }
        }
    }

    @Test
    void enterShowsEveryAttributeAndTheStackTrace() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(1000, 60, fx).connected()) {
            IllegalStateException boom = new IllegalStateException("boom");
            boom.setStackTrace(new StackTraceElement[] {
                new StackTraceElement("org.pox.Of01", "handlePacketIn", "Of01.java", 42)});
            fx.logger("openflow.of_01").error("handler failed", boom);
            ui.awaitText("handler failed");
            ui.press(KeyType.Enter);
            ui.awaitText("exc:");
            String s = ui.screen();
            assertThat(s).contains("levelname: ERROR", "levelno: 40", "name: openflow.of_01", "threadName: ",
                    "exc_info: [\"java.lang.IllegalStateException\",\"boom\",[\"  File \\\"Of01.java\\\", line 42",
                    "exc:\n  java.lang.IllegalStateException: boom\n   at org.pox.Of01.handlePacketIn(Of01.java:42)");
            assertThat(ui.rows().get(1)).startsWith("Record ").endsWith(" from 127.0.0.1:" + fx.port());
            assertThat(s).containsPattern("created: \\d{10}\\.\\d+");
            ui.press(KeyType.Escape);
            ui.awaitScreen("back to the log", x -> ui.pane().get(0).contains("handler failed"));
        }
    }

    @Test
    void aTimedLevelIsSetForItsDurationAndTheLoggerTreeCountsItDown() throws Exception {
        // Issue 15: :level LOGGER LEVEL 5m, and a countdown beside the timed level in the tree.
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("openflow").setLevel(Level.INFO);
            fx.logger("openflow.of_01").info("up");
            ui.awaitText("up");
            ui.command("level openflow DEBUG 5x");
            ui.awaitScreen("a bad duration is refused",
                    s -> ui.bottomLine().startsWith("'5x' is not a duration: give one such as 90s, 5m, 1h or 1h30m"));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.INFO);
            ui.command("level openflow DEBUG 5m");
            ControllerFixture.await("openflow at DEBUG", () -> Level.DEBUG.equals(fx.logger("openflow").getLevel()));
            ui.awaitScreen("it says so", s -> ui.bottomLine().equals("set openflow to DEBUG for 5m0s on 1 controller"));
            ui.type("L");
            ui.awaitScreen("the countdown beside the timed level",
                    s -> s.matches("(?s).*\n\u25be openflow +DEBUG +DEBUG +(4m5\\ds|5m0s) left, then INFO.*"));
            assertThat(ui.screen()).containsPattern("\n    of_01 +- +DEBUG *\n");
        }
    }

    @Test
    void theLoggerTreeShowsLevelsAndOneKeyChangesTheSelectedLogger() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("openflow").setLevel(Level.INFO);
            fx.logger("openflow.of_01").info("up");
            ui.awaitText("up");
            ui.type("L");
            ui.awaitText("Loggers of 127.0.0.1:" + fx.port());
            ui.awaitScreen("the levels arrive", s -> s.contains("loggers") && !s.contains("asking for levels"));
            assertThat(ui.screen()).containsPattern("\\(root\\) +DEBUG +DEBUG")
                    .containsPattern("\n\u25be openflow +INFO +INFO")
                    .containsPattern("\n    of_01 +- +INFO");
            for (int i = 0; i < 50 && !String.valueOf(ui.selectedRow()).contains("of_01"); i++) {
                ui.press(KeyType.ArrowDown);
                int moves = i;
                ui.awaitScreen("the selection moves", s -> ui.selectedRow() != null || moves < 0);
            }
            ui.awaitScreen("of_01 selected", s -> String.valueOf(ui.selectedRow()).contains("of_01"));
            ui.type("d");
            ControllerFixture.await("of_01 at DEBUG", () -> Level.DEBUG.equals(fx.logger("openflow.of_01").getLevel()));
            ui.awaitScreen("the tree shows it", s -> s.matches("(?s).*\n    of_01 +DEBUG +DEBUG.*"));
            ui.type("x");
            ControllerFixture.await("of_01 inherits again", () -> fx.logger("openflow.of_01").getLevel() == null);
            ui.press(KeyType.Escape);
            ui.awaitScreen("back to the log", s -> !s.contains("Loggers of"));
        }
    }

    @Test
    void spacePausesNewRecordsAreCountedAndEndFollowsAgain() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("app").info("first");
            ui.awaitText("first");
            ui.type(" ");
            ui.awaitScreen("paused", s -> ui.statsBar().startsWith(" PAUSED"));
            fx.logger("app").info("second");
            fx.logger("app").info("third");
            ui.awaitScreen("new records counted", s -> ui.statsBar().startsWith(" PAUSED +2 new"));
            assertThat(ui.selectedRow()).contains("first");
            ui.press(KeyType.End);
            ui.awaitScreen("following", s -> ui.statsBar().startsWith(" FOLLOW"));
            assertThat(ui.selectedRow()).contains("third");
            ui.press(KeyType.ArrowUp);
            ui.awaitScreen("moving up pauses", s -> ui.statsBar().startsWith(" PAUSED"));
            ui.press(KeyType.ArrowDown);
            ui.awaitScreen("moving down to the newest follows", s -> ui.statsBar().startsWith(" FOLLOW"));
        }
    }

    @Test
    void writeSavesTheShownRecordsAsJsonLines(@TempDir Path dir) throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("a").info("kept 1");
            fx.logger("b").info("not kept");
            fx.logger("a").info("kept 2");
            ui.awaitText("kept 2");
            ui.command("filter ^kept");
            // A regex filter is applied off the UI thread; it says when the view is whole.
            ui.awaitScreen("the filter applied", s -> ui.bottomLine().startsWith("showing 2 of 3"));
            Path file = dir.resolve("shown.jsonl");
            ui.command("write " + file);
            ui.awaitScreen("written", s -> ui.bottomLine().equals("wrote 2 records to " + file));
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            JsonNode first = MAPPER.readTree(lines.get(0));
            assertThat(first.get("message").asText()).isEqualTo("kept 1");
            assertThat(first.get("seq").asLong()).isPositive();
            ui.command("write " + dir.resolve("no/such/dir/x"));
            ui.awaitScreen("an error", s -> ui.bottomLine().startsWith("cannot write "));
        }
    }

    @Test
    void qQuitsAndQuestionMarkShowsTheHelp() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            ui.type("?");
            ui.awaitText("pox-log keys");
            assertThat(ui.screen()).contains(":level LOGGER LEVEL", "L                 the logger tree");
            ui.type("?");
            ui.awaitScreen("help closed", s -> !s.contains("pox-log keys"));
            ui.type("q");
            ui.awaitExit();
        }
    }
}

package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.input.KeyType;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.LogEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal UI one frame at a time ({@link TuiApp#processEventsAndUpdate}), with records put
 * straight into its store: layout, keys and commands that need no controller.
 */
class TuiFramesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SOURCE = "c1:7790";

    /** A record as a controller sends it, kept as its bytes like the ones the viewer receives. */
    private static LogEntry record(double t, String level, String logger, String message) throws Exception {
        ObjectNode r = MAPPER.createObjectNode().put("CHANNEL", "log_test").put("seq", (long) t)
                .put("created", t).put("levelname", level).put("name", logger).put("message", message);
        return LogEntry.ofBytes(SOURCE, (long) t, t, level, Levels.number(level), logger, message, 0,
                MAPPER.writeValueAsBytes(r));
    }

    @Test
    void atEightyByTwentyFourTheMessageHasMostOfTheWidthAndHelpAndQuitStayInSight() throws Exception {
        try (FrameHarness ui = new FrameHarness(80, 24)) {
            ui.add(record(1, "WARNING", "forwarding.l2_learning", "Same port for packet from 00:00:00:00:00:08. Drop."));
            ui.add(record(2, "CRITICAL", "openflow.of_01", "switch gone"));
            ui.frame();
            assertThat(ui.pane()).containsExactly(
                    "hh:mm:ss WARN  \u20262_learning Same port for packet from 00:00:00:00:00:08. Drop.",
                    "hh:mm:ss CRIT  \u2026flow.of_01 switch gone");
            int messageColumn = ui.pane().get(0).indexOf("Same port");
            assertThat(80 - messageColumn).as("columns for the message").isGreaterThanOrEqualTo(80 * 2 / 3 - 2);
            assertThat(ui.bottomLine()).startsWith("? help").endsWith("q quit").contains("space pause");
            assertThat(ui.statsBar()).matches(" FOLLOW  0 rec/s \u2502 held 2, \\d+ B \u2502 dropped 0 \u2502 no filter");

            ui.type("?");
            assertThat(ui.rows().get(1)).isEqualTo("pox-log keys");
            String screen = ui.screenText();
            assertThat(screen).contains("  w                 wrap long lines and show multi-line messages whole (again:\n"
                    + "                    one line each)");
            assertThat(ui.bottomLine()).startsWith("help").endsWith("Esc/?/q close");
            ui.press(KeyType.End);
            assertThat(ui.screenText()).contains("<202e>.");
            ui.press(KeyType.Escape);

            String longMessage = "word ".repeat(60).strip();
            ui.add(record(3, "INFO", "web", longMessage));
            ui.frame().press(KeyType.Enter);
            List<String> rows = ui.rows();
            assertThat(rows).anyMatch(r -> r.startsWith("message: word word"));
            String joined = String.join(" ", rows.stream().map(String::strip).toList());
            assertThat(joined).contains(longMessage);
        }
    }

    @Test
    void aHugeMessageIsCutInTheListAndIsWholeInTheDetailsAndInWrite(@TempDir Path dir) throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 30)) {
            String huge = "start " + "y".repeat(2_000_000) + " end";
            ui.add(record(1, "INFO", "big", huge));
            ui.frame().type("w");
            long t0 = System.nanoTime();
            for (int i = 0; i < 10; i++) {
                ui.frame();
            }
            long perFrame = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) / 10;
            System.out.println("ms per frame showing a 2 MB message, wrapped: " + perFrame);
            assertThat(perFrame).as("ms to draw a frame showing a 2 MB message").isLessThan(200);
            assertThat(ui.pane().get(ui.pane().size() - 1))
                    .matches(" +\u2026 \\[\\d+ more rows: Enter shows the whole record]");
            ui.type("w").type("l".repeat(511)); // one line per record, scrolled to where the message is cut
            assertThat(ui.pane().get(0)).endsWith("yyyyyyyy \u2026 [1,995,914 more characters: Enter shows the whole record]");

            ui.press(KeyType.Enter).press(KeyType.End);
            assertThat(ui.screenText()).contains("yyy end");
            ui.press(KeyType.Escape);

            Path file = dir.resolve("huge.jsonl");
            ui.command("write " + file).until("written", s -> ui.bottomLine().startsWith("wrote"));
            JsonNode saved = MAPPER.readTree(Files.readAllLines(file).get(0));
            assertThat(saved.get("message").asText()).isEqualTo(huge);
        }
    }

    @Test
    void aRegexTooSlowToHighlightTheRowsOnScreenIsNotHighlightedAndTheSearchCanBeCalledOff() throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 24)) {
            ui.add(record(1, "INFO", "a", "x".repeat(40))); // ((x+)+)+y backtracks for hours on it
            ui.add(record(2, "INFO", "a", "ordinary"));
            ui.frame().type("/((x+)+)+y");
            long t0 = System.nanoTime();
            ui.press(KeyType.Enter).frame().frame();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).as("ms for three frames").isLessThan(5000);
            assertThat(ui.bottomLine()).startsWith("searching /((x+)+)+y/i: ").endsWith("(Esc cancels)");
            ui.press(KeyType.Escape).until("called off", s -> ui.bottomLine().equals("search cancelled"));
        }
    }

    @Test
    void theKeysLineSaysWhatSpaceWouldDo() throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 24)) {
            ui.add(record(1, "INFO", "a", "one"));
            ui.add(record(2, "INFO", "a", "two"));
            ui.frame();
            assertThat(ui.bottomLine()).contains("space pause");
            ui.type(" ");
            assertThat(ui.statsBar()).startsWith(" PAUSED");
            assertThat(ui.bottomLine()).contains("space follow");
            ui.type(" ");
            assertThat(ui.bottomLine()).contains("space pause");
        }
    }

    @Test
    void aSearchInLowerCaseIgnoresCaseAndOneWithUpperCaseDoesNot() throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 24)) {
            ui.add(record(1, "INFO", "a", "ALPHA in capitals"));
            ui.add(record(2, "INFO", "a", "beta"));
            ui.add(record(3, "INFO", "a", "alpha in small letters"));
            ui.add(record(4, "INFO", "a", "gamma"));
            ui.frame().type("/alpha").press(KeyType.Enter)
                    .until("the newest match", s -> String.valueOf(ui.selectedRow()).contains("alpha in small"));
            assertThat(ui.statsBar()).contains("search: /alpha/i");
            ui.type("n").until("the older match, in capitals", s -> String.valueOf(ui.selectedRow()).contains("ALPHA"));

            ui.type("/ALPHA").press(KeyType.Enter)
                    .until("only the capitals", s -> String.valueOf(ui.selectedRow()).contains("ALPHA"));
            ui.type("n").until("n wraps to the only match", s -> ui.bottomLine().equals("search wrapped to the newest record"));
            assertThat(ui.selectedRow()).contains("ALPHA in capitals");
            assertThat(ui.statsBar()).endsWith("search: /ALPHA/");
        }
    }

    @Test
    void sourceShowsOneControllerOfSeveral() throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 24)) {
            // Subscribers that are never started: sources to choose from, and no socket.
            ui.controllers.attach(new LogSubscription("c1", 7790, TuiHarness.FAST_RETRY, ui.controllers));
            ui.controllers.attach(new LogSubscription("c2", 7790, TuiHarness.FAST_RETRY, ui.controllers));
            ui.add(LogEntry.ofBytes("c1:7790", 1, 1, "INFO", 20, "a", "from one", 0, "{}".getBytes()));
            ui.add(LogEntry.ofBytes("c2:7790", 2, 2, "INFO", 20, "a", "from two", 0, "{}".getBytes()));
            ui.frame().command("source c2");
            assertThat(ui.pane()).hasSize(1).allMatch(r -> r.endsWith("from two"));
            assertThat(ui.statsBar()).contains("filter: source c2:7790");
            assertThat(ui.bottomLine()).isEqualTo("showing 1 of 2 records held (source c2:7790)");
            ui.command("source 7790");
            assertThat(ui.bottomLine()).isEqualTo("several controllers match '7790'; following c1:7790, c2:7790");
            ui.command("source c3");
            assertThat(ui.bottomLine()).isEqualTo("no controller matches 'c3'; following c1:7790, c2:7790");
            ui.command("source");
            assertThat(ui.pane()).hasSize(2);
            ui.controllers.closeAll();
        }
    }

    @Test
    void theLoggerTreeStartsWithTheMessengersAndNettysLoggersFoldedAndFindsInsideThem() throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 30)) {
            ui.controllers.attach(new LogSubscription("c1", 7790, TuiHarness.FAST_RETRY, ui.controllers));
            for (String logger : List.of("messenger.nexus", "messenger.log_service", "io.netty.channel.nio.NioEventLoop",
                    "openflow.of_01")) {
                ui.add(LogEntry.ofBytes("c1:7790", 1, 1, "INFO", 20, logger, "m", 0, "{}".getBytes()));
            }
            ui.frame().type("L");
            List<String> tree = ui.rows().subList(3, 9).stream().map(r -> r.replaceAll(" {2,}\\?.*", "")).toList();
            assertThat(tree).containsExactly("\u25be (root)", "\u25be io", "  \u25b8 netty (3)", "\u25b8 messenger (2)",
                    "\u25be openflow", "    of_01");
            ui.press(KeyType.ArrowDown).press(KeyType.ArrowDown).press(KeyType.ArrowDown);
            assertThat(ui.selectedRow()).startsWith("\u25b8 messenger");
            assertThat(ui.bottomLine()).contains("space unfold");
            ui.type(" ");
            assertThat(ui.selectedRow()).startsWith("\u25be messenger");
            assertThat(ui.screenText()).contains("\n    log_service ", "\n    nexus ");
            assertThat(ui.bottomLine()).contains("space fold");

            ui.type("/nioevent");
            assertThat(ui.bottomLine()).isEqualTo("/nioevent");
            ui.press(KeyType.Enter);
            assertThat(ui.selectedRow()).startsWith("          NioEventLoop");
            assertThat(ui.screenText()).contains("\u25be netty");
            ui.press(KeyType.ArrowLeft); // a leaf: to its parent
            assertThat(ui.selectedRow()).startsWith("      \u25be nio");
            ui.press(KeyType.ArrowLeft); // unfolded: folds
            assertThat(ui.selectedRow()).startsWith("      \u25b8 nio (1)");
            ui.controllers.closeAll();
        }
    }

    @Test
    void writeNeverReplacesAFileWithoutTheBangSaysTheSystemsReasonAndLeavesTheChannelOut(@TempDir Path dir)
            throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 24)) {
            ui.add(record(1, "INFO", "a", "first"));
            ui.add(record(2, "INFO", "a", "second"));
            ui.frame();
            Path file = dir.resolve("saved.jsonl");
            ui.command("write " + file).until("written", s -> ui.bottomLine().equals("wrote 2 records to " + file));
            List<String> lines = Files.readAllLines(file);
            assertThat(lines).hasSize(2);
            JsonNode first = MAPPER.readTree(lines.get(0));
            assertThat(first.has("CHANNEL")).isFalse();
            assertThat(first.get("message").asText()).isEqualTo("first");
            assertThat(first.get("seq").asLong()).isEqualTo(1);

            ui.add(record(3, "INFO", "a", "third"));
            ui.command("write " + file).until("refused", s -> ui.bottomLine().equals(file + " exists; :write! " + file
                    + " replaces it"));
            assertThat(Files.readAllLines(file)).hasSize(2);
            ui.command("write! " + file).until("replaced", s -> ui.bottomLine().equals("wrote 3 records to " + file));
            assertThat(Files.readAllLines(file)).hasSize(3);
            assertThat(Files.list(dir)).as("no temporary file left behind").containsExactly(file);

            Path nowhere = dir.resolve("no/such/dir/x.jsonl");
            ui.command("write " + nowhere).until("the reason", s -> ui.bottomLine().equals("cannot write " + nowhere
                    + ": No such file or directory"));
            ui.command("write " + dir).until("a directory", s -> ui.bottomLine().equals("cannot write " + dir
                    + ": Is a directory"));
            ui.command("write");
            assertThat(ui.bottomLine()).startsWith("usage: write FILE");
        }
    }

    @Test
    void aMarkerRowStandsAcrossTheColumnsAndIsLeftOutOfWrite(@TempDir Path dir) throws Exception {
        try (FrameHarness ui = new FrameHarness(120, 24)) {
            ui.add(record(1, "INFO", "a", "before"));
            ui.add(LogEntry.marker(SOURCE, 2, "disconnected: Connection reset"));
            ui.add(record(3, "INFO", "a", "after"));
            ui.command("min-level ERROR");
            assertThat(ui.pane()).containsExactly("hh:mm:ss.mmm \u2500\u2500 disconnected: Connection reset");
            ui.command("min-level");
            Path file = dir.resolve("m.jsonl");
            ui.command("write " + file).until("written", s -> ui.bottomLine().startsWith("wrote 2 records"));
        }
    }
}

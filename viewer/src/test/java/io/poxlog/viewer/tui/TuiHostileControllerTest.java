package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.googlecode.lanterna.input.KeyType;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.testing.ControllerFixture;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, against a controller that lies. Items 6 and 14: control characters, escape sequences
 * and bidi overrides in every field the viewer draws must be drawn as visible placeholders, never
 * raw. Item 9: records of megabytes must not take more memory than the store is given. Either
 * way the viewer goes on following its other controller, a real one.
 */
class TuiHostileControllerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** ESC, a C1 CSI, a right-to-left override and a right-to-left isolate. */
    private static final String NASTY = "\u001b[2J\u009b6n\u202eevil\u2067x";
    private static final String SHOWN = "^[[2J<9b>6n<202e>evil<2067>x";

    @Test
    void controlCharactersInEveryDrawnFieldArePlaceholdersAndTheOtherControllerGoesOn() throws Exception {
        try (HostileController hostile = new HostileController(); ControllerFixture fx = new ControllerFixture();
             TuiHarness ui = new TuiHarness(new RecordStore(1000), 160, 40, hostile.port(), fx.port()).connected()) {
            hostile.awaitSubscriber();
            ObjectNode levels = MAPPER.createObjectNode();
            levels.putObject("evil" + NASTY).put("configured", NASTY).put("effective", NASTY);
            hostile.levels(levels);
            ObjectNode r = MAPPER.createObjectNode().put("levelname", NASTY).put("levelno", 40)
                    .put("name", "evil" + NASTY).put("message", "msg " + NASTY).put("created", 1.0e9);
            r.put(NASTY, NASTY); // an attribute name and value, for the details view
            hostile.send(r);
            ui.awaitText("msg " + SHOWN); // the two controllers' records come on sockets of their own
            fx.logger("app").info("after the hostile record");
            ui.awaitText("after the hostile record");
            assertThat(ui.running()).isTrue();
            assertNothingRaw(ui);

            ui.press(KeyType.Home); // the hostile record is the oldest (created 2001)
            ui.awaitScreen("the hostile record selected", s -> String.valueOf(ui.selectedRow()).contains("msg ^[[2J"));
            ui.press(KeyType.Enter);
            ui.awaitText("levelname: " + SHOWN);
            assertThat(ui.screen()).contains(SHOWN + ": " + SHOWN, "name: evil" + SHOWN);
            assertNothingRaw(ui);
            ui.press(KeyType.Escape);

            ui.type("L");
            ui.awaitScreen("the hostile levels arrive", s -> s.contains("Loggers of 127.0.0.1:" + hostile.port())
                    && !s.contains("asking for levels"));
            assertThat(ui.screen()).contains(SHOWN);
            assertNothingRaw(ui);
            ui.press(KeyType.Escape);

            fx.logger("app").info("still following the other controller");
            ui.awaitText("still following the other controller");
        }
    }

    @Test
    void recordsOfAMegabyteEachAreHeldOnlyUpToTheStoresBytesAndTheOtherControllerGoesOn() throws Exception {
        RecordStore store = new RecordStore(100_000, 16 << 20);
        try (HostileController hostile = new HostileController(); ControllerFixture fx = new ControllerFixture();
             TuiHarness ui = new TuiHarness(store, 160, 24, hostile.port(), fx.port()).connected()) {
            hostile.awaitSubscriber();
            String mb = "z".repeat(1 << 20);
            for (int i = 0; i < 60; i++) {
                hostile.send(MAPPER.createObjectNode().put("levelname", "INFO").put("name", "big")
                        .put("message", i + " " + mb).put("created", 2.0e9 + i));
            }
            ControllerFixture.await("60 records of 1 MB arrive", () -> store.received() >= 60);
            fx.logger("app").info("the other controller goes on");
            ui.awaitText("the other controller goes on");
            // A record of 1 MB takes 2 MB held: its bytes, and the message made from them.
            assertThat(store.bytes()).isLessThanOrEqualTo(16 << 20);
            assertThat(store.size()).isBetween(5, 9);
            ui.awaitScreen("the status bar says the bytes held", s -> ui.statsBar().matches(
                    ".*held \\d/100,000, 1\\d\\.?\\d? MiB/16 MiB.*"));
        }
    }

    private static void assertNothingRaw(TuiHarness ui) {
        for (String row : ui.rows()) {
            assertThat(row.chars()).as(row).noneMatch(c -> c < 0x20 || c >= 0x7f && c <= 0x9f
                    || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069);
        }
    }
}

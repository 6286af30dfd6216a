package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import io.poxlog.viewer.testing.ControllerFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 10: a search or a filter with a pathological regex over the records held must
 * neither freeze keys nor stall intake, and Esc cancels it. One record makes {@code ((x+)+)+y}
 * backtrack for longer than anyone would wait (hours for its 40 x's; Java's own guard against
 * exponential backtracking does not cover nested groups), so the scan never
 * ends by itself: everything the test checks happens while it runs.
 */
class TuiLongScanTest {
    private static final String PATHOLOGICAL = "((x+)+)+y";
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @Test
    void aFilterStuckInARegexLeavesKeysAndIntakeAliveAndEscCancelsIt() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(10_000, 24, fx).connected()) {
            fill(fx, ui);
            ui.command("filter " + PATHOLOGICAL);
            ui.awaitScreen("the filter is being applied", s -> ui.statsBar().contains("filtering"));
            assertKeysAndIntakeAlive(fx, ui);
            ui.press(KeyType.Escape);
            ui.awaitScreen("Esc cancels the filter", s -> ui.bottomLine().startsWith("filter cancelled")
                    && ui.statsBar().contains("filter: none") && !ui.statsBar().contains("filtering"));
            fx.logger("app").info("after the cancel");
            ui.awaitText("after the cancel");
        }
    }

    @Test
    void aSearchStuckInARegexLeavesKeysAndIntakeAliveAndEscCancelsIt() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(10_000, 24, fx).connected()) {
            fill(fx, ui);
            ui.type("/" + PATHOLOGICAL);
            ui.press(KeyType.Enter);
            ui.awaitScreen("the search runs", s -> ui.bottomLine().startsWith("searching /" + PATHOLOGICAL + "/"));
            assertKeysAndIntakeAlive(fx, ui);
            ui.press(KeyType.Escape);
            ui.awaitScreen("Esc cancels the search", s -> ui.bottomLine().startsWith("search cancelled"));
            fx.logger("app").info("after the cancel");
            ui.awaitText("after the cancel");
        }
    }

    /** 2,000 ordinary records, then the one the regex never finishes with, then 500 more. */
    private static void fill(ControllerFixture fx, TuiHarness ui) {
        for (int i = 0; i < 2000; i++) {
            fx.logger("app").info("ordinary record {}", i);
        }
        fx.logger("app").info("x".repeat(40));
        for (int i = 0; i < 500; i++) {
            fx.logger("app").info("newer record {}", i);
        }
        ui.awaitText("newer record 499");
    }

    private static void assertKeysAndIntakeAlive(ControllerFixture fx, TuiHarness ui) {
        long t0 = System.nanoTime();
        ui.type("?");
        ui.awaitText("pox-log keys");
        ui.type("?");
        ui.awaitScreen("the help closes", s -> !s.contains("pox-log keys"));
        long keys = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(keys).as("ms to open and close the help during the scan").isLessThan(PROMPTLY.toMillis());

        long before = ui.store.received();
        for (int i = 0; i < 100; i++) {
            fx.logger("app").info("during the scan {}", i);
        }
        ControllerFixture.await("records logged during the scan reach the store",
                () -> ui.store.received() >= before + 100);
        assertThat(ui.store.dropped()).as("records the controller had to drop for this viewer").isZero();
    }
}

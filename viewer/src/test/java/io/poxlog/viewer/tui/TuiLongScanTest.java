package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import com.googlecode.lanterna.input.KeyType;
import io.poxlog.testing.Canary;
import io.poxlog.viewer.testing.ControllerFixture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 10: a search or a filter with a pathological regex over the records held must
 * neither freeze keys nor stall intake, and Esc cancels it. One record makes {@code ((x+)+)+y}
 * backtrack for longer than anyone would wait (hours for its 40 x's; Java's own guard against
 * exponential backtracking does not cover nested groups), so the scan never
 * ends by itself: everything the test checks happens while it runs. Meanwhile the controller's
 * other subscriber, a {@link Canary}, must go on receiving its records.
 */
class TuiLongScanTest {
    private static final String PATHOLOGICAL = "((x+)+)+y";
    private static final Duration PROMPTLY = Duration.ofSeconds(10);
    /** The controller's other subscriber, ticking every 10 ms, must never go this long without a record. */
    private static final Duration CANARY_SILENCE = Duration.ofSeconds(5);

    @Test
    void aFilterStuckInARegexLeavesKeysAndIntakeAliveAndEscCancelsIt() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(10_000, 24, fx).connected();
             Canary canary = Canary.start(new InetSocketAddress("127.0.0.1", fx.port()), null, fx.logger("canary"))) {
            fill(fx, ui);
            ui.command("filter " + PATHOLOGICAL);
            ui.awaitScreen("the filter is being applied", s -> ui.statsBar().contains("filtering"));
            assertKeysAndIntakeAlive(fx, ui);
            ui.awaitScreen("the filter is still at work", s -> ui.statsBar().contains("filtering"));
            ui.press(KeyType.Escape);
            ui.awaitScreen("Esc cancels the filter", s -> ui.bottomLine().startsWith("filter cancelled")
                    && ui.statsBar().contains("filter: none") && !ui.statsBar().contains("filtering"));
            fx.logger("app").info("after the cancel");
            awaitHeld(ui, "after the cancel");
            canary.assertAlive(CANARY_SILENCE);
        }
    }

    @Test
    void aSearchStuckInARegexLeavesKeysAndIntakeAliveAndEscCancelsIt() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(10_000, 24, fx).connected();
             Canary canary = Canary.start(new InetSocketAddress("127.0.0.1", fx.port()), null, fx.logger("canary"))) {
            fill(fx, ui);
            ui.type("/" + PATHOLOGICAL);
            ui.press(KeyType.Enter);
            ui.awaitScreen("the search runs", s -> ui.bottomLine().startsWith("searching /" + PATHOLOGICAL + "/"));
            assertKeysAndIntakeAlive(fx, ui);
            ui.awaitScreen("the search is still at work", s -> ui.bottomLine().startsWith("searching"));
            ui.press(KeyType.Escape);
            ui.awaitScreen("Esc cancels the search", s -> ui.bottomLine().startsWith("search cancelled"));
            fx.logger("app").info("after the cancel");
            awaitHeld(ui, "after the cancel");
            canary.assertAlive(CANARY_SILENCE);
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
        awaitHeld(ui, "newer record 499");
    }

    /** Waits until a record with this message is among those shown: the canary's ticks scroll the screen. */
    private static void awaitHeld(TuiHarness ui, String message) {
        ControllerFixture.await("the pane shows '" + message + "'", () -> ui.store.viewSnapshot().stream()
                .anyMatch(e -> e.message().equals(message)));
    }

    private static void assertKeysAndIntakeAlive(ControllerFixture fx, TuiHarness ui) {
        long t0 = System.nanoTime();
        ui.type("?");
        ui.awaitText("pox-log keys");
        ui.type("?");
        ui.awaitScreen("the help closes", s -> !s.contains("pox-log keys"));
        long keys = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertThat(keys).as("ms to open and close the help during the scan").isLessThan(PROMPTLY.toMillis());

        // Each from a logger of its own: the store's logger names say which arrived, whatever the
        // canary's ticks add meanwhile and whatever the stuck filter has not yet shown.
        for (int i = 0; i < 100; i++) {
            fx.logger("during.scan" + i).info("during the scan {}", i);
        }
        ControllerFixture.await("the 100 records logged during the scan reach the store",
                () -> ui.store.loggersSeen().containsAll(IntStream.range(0, 100).mapToObj(i -> "during.scan" + i).toList()));
        assertThat(ui.store.dropped()).as("records the controller had to drop for this viewer").isZero();
    }
}

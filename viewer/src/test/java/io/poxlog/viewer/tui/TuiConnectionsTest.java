package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.viewer.testing.ControllerFixture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The terminal UI and its connections: reconnects, several controllers, and a flood. */
class TuiConnectionsTest {

    @Test
    void aLostConnectionShowsInTheTopBarAndTheResumeRecoversWhatWasLoggedMeanwhile() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(fx).connected()) {
            fx.logger("app").info("before");
            ui.awaitText("before");
            fx.disconnectAll();
            ui.awaitScreen("the top bar says it is reconnecting",
                    s -> ui.rows().get(0).matches(" pox-log \u2502 127\\.0\\.0\\.1:\\d+ reconnecting in \\d+ s \\(.+\\)"));
            fx.logger("app").info("while away 1");
            fx.logger("app").info("while away 2");
            fx.reconnectable();
            ui.awaitText("while away 2");
            ui.awaitScreen("the top bar says what the resume recovered",
                    s -> ui.rows().get(0).endsWith(fx.port() + " connected (resumed: 2 recovered)"));
            // Where the connection went and came back is marked in the pane, around what was recovered.
            List<String> pane = ui.pane();
            assertThat(pane).hasSize(5);
            assertThat(pane.get(0)).endsWith("before");
            assertThat(pane.get(1)).contains("\u2500\u2500 127.0.0.1:" + fx.port() + " disconnected (");
            assertThat(pane.get(2)).endsWith("while away 1");
            assertThat(pane.get(3)).endsWith("while away 2");
            assertThat(pane.get(4)).contains("\u2500\u2500 127.0.0.1:" + fx.port() + " reconnected: resumed");
            assertThat(ui.statsBar()).contains("dropped 0");
        }
    }

    @Test
    void aControllerRestartIsMarkedInThePaneAndTheNewRunIsShownFromItsStartUpLines() throws Exception {
        ControllerFixture old = new ControllerFixture();
        try (TuiHarness ui = new TuiHarness(old).connected()) {
            old.logger("app").info("old run");
            ui.awaitText("old run");
            try (ControllerFixture fx = ControllerFixture.restart(old, f -> f.logger("core").info("going up"))) {
                fx.logger("app").info("new run, live");
                ui.awaitText("new run, live");
                assertThat(ui.pane()).hasSize(5);
                assertThat(ui.pane().get(0)).endsWith("old run");
                assertThat(ui.pane().get(1)).contains("\u2500\u2500 127.0.0.1:" + fx.port() + " disconnected (");
                assertThat(ui.pane().get(2)).contains("\u2500\u2500 127.0.0.1:" + fx.port()
                        + " restarted: a new run of its log");
                assertThat(ui.pane().get(3)).endsWith("going up");
                // "new run, live" is recovered too when it was logged before the viewer was back.
                ui.awaitScreen("the top bar says so", s -> ui.rows().get(0).matches(" pox-log \u2502 127\\.0\\.0\\.1:" + fx.port()
                        + " connected \\(restarted: [12] records? of the new run recovered; records of the old run after seq 1.*"));
            }
        }
    }

    @Test
    void severalControllersMergeInTimeOrderWithASourceColumn() throws Exception {
        try (ControllerFixture one = new ControllerFixture(); ControllerFixture two = new ControllerFixture();
             TuiHarness ui = new TuiHarness(1000, TuiHarness.DEFAULT_HEIGHT, one, two).connected()) {
            one.logger("app").info("first, from one");
            ui.awaitText("first, from one");
            two.logger("app").info("second, from two");
            ui.awaitText("second, from two");
            one.logger("app").info("third, from one");
            ui.awaitText("third, from one");
            String a = "127.0.0.1:" + one.port();
            String b = "127.0.0.1:" + two.port();
            int width = Math.max(a.length(), b.length());
            assertThat(ui.pane()).containsExactly(
                    "hh:mm:ss.mmm " + pad(a, width) + " INFO     app                  first, from one",
                    "hh:mm:ss.mmm " + pad(b, width) + " INFO     app                  second, from two",
                    "hh:mm:ss.mmm " + pad(a, width) + " INFO     app                  third, from one");
            assertThat(ui.rows().get(0)).isEqualTo(" pox-log \u2502 " + a + " connected \u2502 " + b + " connected");
        }
    }

    @Test
    void aFloodOfRecordsNeitherHangsKeysNorDrawsMoreThanAboutThirtyFramesASecond() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TuiHarness ui = new TuiHarness(10_000, TuiHarness.DEFAULT_HEIGHT, fx).connected()) {
            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicLong logged = new AtomicLong();
            Thread flood = new Thread(() -> {
                while (flooding.get()) {
                    fx.logger("flood").info("record {}", logged.incrementAndGet());
                }
            }, "flood");
            long frames0 = ui.app.frames();
            long t0 = System.nanoTime();
            flood.start();
            try {
                ui.awaitScreen("records flow", s -> ui.store.received() > 20_000);
                ui.type("?");
                ui.awaitText("pox-log keys"); // answered while the flood goes on
                assertThat(flooding.get()).isTrue();
            } finally {
                flooding.set(false);
                flood.join(TimeUnit.SECONDS.toMillis(10));
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            long frames = ui.app.frames() - frames0;
            assertThat(frames).as("frames in %d ms", elapsedMs).isLessThanOrEqualTo(elapsedMs / 33 + 2);
            assertThat(ui.store.size()).isLessThanOrEqualTo(10_000); // bounded
            ui.type("q"); // closes the help
            ui.awaitScreen("help closed", s -> !s.contains("pox-log keys"));
            ui.type("q");
            ui.awaitExit();
        }
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}

package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.TestServer;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import org.junit.jupiter.api.Test;

/**
 * The terminal UI when a controller will not serve it: a token refused, no log service, a
 * controller that stopped reading what the UI sends.
 */
class TuiRefusalsTest {

    @Test
    void aMissingTokenShowsInTheTopBarRetryingStopsAndRTriesAgain() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            try (TuiHarness ui = new TuiHarness(1000, TuiHarness.DEFAULT_HEIGHT, TuiHarness.FAST_RETRY, fx.port())) {
                ui.awaitScreen("the refusal in the top bar", s -> ui.rows().get(0).equals(" pox-log \u2502 127.0.0.1:" + fx.port()
                        + " refused, R retries (a token is required; give it with --token-file or POXLOG_TOKEN)"));
                fx.nexus.setAccessTokens(null); // the operator fixed the controller
                ui.type("R");
                ui.awaitScreen("connected again", s -> ui.rows().get(0).endsWith(fx.port() + " connected"));
                fx.logger("app").info("let in");
                ui.awaitText("let in");
                ui.type("R");
                ui.awaitScreen("nothing to retry", s -> ui.bottomLine().equals("no controller refused this viewer: nothing to retry"));
            }
        }
    }

    @Test
    void aControllerWithoutTheLogServiceIsSaidPlainlyInTheTopBarAndTheLoggerTree() throws Exception {
        try (TestServer server = new TestServer()) {
            int port = server.address().getPort();
            try (TuiHarness ui = new TuiHarness(1000, TuiHarness.DEFAULT_HEIGHT, TuiHarness.FAST_RETRY, port)) {
                ui.awaitScreen("the top bar says so", s -> ui.rows().get(0).equals(" pox-log \u2502 127.0.0.1:" + port
                        + " has no log service (start the controller with messenger.log_service)"));
                ui.type("L");
                ui.awaitText("levels unknown (this controller has no log service: start it with messenger.log_service)");
                assertThat(ui.screen()).doesNotContain("POX controller?");
            }
        }
    }

    @Test
    void levelCommandsStayAnsweredWhileAControllerStopsReadingThem() throws Exception {
        try (ScriptedController sc = new ScriptedController();
             TuiHarness ui = new TuiHarness(1000, TuiHarness.DEFAULT_HEIGHT, TuiHarness.FAST_RETRY, sc.port())) {
            ScriptedController.Peer p = sc.accept();
            p.send(ScriptedController.welcome(false, null, ScriptedController.LOG_SERVICE));
            p.next(m -> "join_channel".equals(m.path("cmd").asText()));
            p.answerProbe(p.next(m -> m.has("test")));
            ui.connected();
            p.stopReading();
            String logger = "x".repeat(10_000);
            while (ui.controllers.setLevel(null, logger, "DEBUG") > 0) {
                // fill the controller's socket buffers and then the client's queue
            }
            while (ui.controllers.nextNotice() != null) {
                // the notices of the fill, not what this test is about
            }
            ui.command("level openflow DEBUG");
            ui.awaitScreen("the command is answered", s -> ui.bottomLine().equals("nothing was set: 127.0.0.1:" + sc.port()
                    + ": not sent: the controller is not reading: 1,000 messages wait to be sent already"));
            ui.type("?");
            ui.awaitText("pox-log keys");
        }
    }
}

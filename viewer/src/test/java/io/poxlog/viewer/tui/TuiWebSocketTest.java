package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.googlecode.lanterna.input.KeyType;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.client.Endpoint;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.testing.ControllerFixture;
import org.junit.jupiter.api.Test;

/**
 * The terminal UI over the WebSocket transport (issue 13) beside TCP, and level changes on every
 * controller with one result line each (issue 15), on Lanterna's virtual terminal against real
 * controllers.
 */
class TuiWebSocketTest {

    @Test
    void followsAWebSocketControllerBesideATcpOneAcrossAnOutageAndItsLoggerTreeSetsLevels() throws Exception {
        try (ControllerFixture ws = new ControllerFixture().withWebSocket(); ControllerFixture tcp = new ControllerFixture();
             TuiHarness ui = new TuiHarness(new RecordStore(1000), 160, 30, TuiHarness.FAST_RETRY,
                     ws.wsEndpoint(), Endpoint.tcp("127.0.0.1", tcp.port())).connected()) {
            String wsSource = "ws://127.0.0.1:" + ws.webPort();
            assertThat(ui.rows().get(0)).contains(wsSource + " connected", "127.0.0.1:" + tcp.port() + " connected");
            ws.logger("openflow.of_01").info("over the WebSocket");
            tcp.logger("openflow.of_01").info("over TCP");
            ui.awaitScreen("both records", s -> s.contains("over the WebSocket") && s.contains("over TCP"));

            ws.disconnectAll();
            ui.awaitText(wsSource + " disconnected (connection closed by the controller (WebSocket close 1001");
            ws.logger("openflow.of_01").info("while the viewer was away");
            ws.reconnectable();
            ui.awaitText(wsSource + " reconnected: resumed");
            ui.awaitText("while the viewer was away");

            ui.command("source ws://");
            ui.awaitScreen("only the WebSocket controller's records",
                    s -> s.contains("over the WebSocket") && !s.contains("over TCP"));
            ui.press(KeyType.End);
            ui.type("L");
            ui.awaitText("Loggers of " + wsSource);
            ui.awaitScreen("the levels arrive over the WebSocket", s -> s.contains("Loggers of") && !s.contains("asking for levels"));
            for (int i = 0; i < 50 && !String.valueOf(ui.selectedRow()).contains("of_01"); i++) {
                ui.press(KeyType.ArrowDown);
                ui.awaitScreen("a frame", s -> true);
            }
            ui.awaitScreen("of_01 selected", s -> String.valueOf(ui.selectedRow()).contains("of_01"));
            ui.type("e");
            ControllerFixture.await("of_01 at ERROR on the WebSocket controller",
                    () -> Level.ERROR.equals(ws.logger("openflow.of_01").getLevel()));
            ui.awaitText("  " + wsSource + ": applied");
            assertThat(tcp.logger("openflow.of_01").getLevel()).isNull();
        }
    }

    @Test
    void levelGoesToEveryControllerAndSaysWhatEachDidAppliedCappedOrRefused() throws Exception {
        try (ControllerFixture plain = new ControllerFixture();
             ControllerFixture capped = new ControllerFixture(LogServiceConfig.DEFAULTS.withMaxLevelFor(60)).withWebSocket();
             ControllerFixture readOnly = new ControllerFixture()) {
            readOnly.nexus.setAccessTokens(Tokens.BOTH); // the viewer's token is read-only there
            for (ControllerFixture fx : new ControllerFixture[] {plain, capped, readOnly}) {
                fx.logger("openflow.of_01").info("up"); // a logger each has: no notice that it is new
            }
            SubscriptionOptions o = TuiHarness.FAST_RETRY.withClient(TuiHarness.FAST_RETRY.client().withToken(Tokens.READ));
            try (TuiHarness ui = new TuiHarness(new RecordStore(1000), 160, 30, o, Endpoint.tcp("127.0.0.1", plain.port()),
                    capped.wsEndpoint(), Endpoint.tcp("127.0.0.1", readOnly.port())).connected()) {
                String a = "127.0.0.1:" + plain.port();
                String b = "ws://127.0.0.1:" + capped.webPort();
                String c = "127.0.0.1:" + readOnly.port();
                ui.command("level openflow DEBUG 5m");
                ui.awaitScreen("one line per controller, each with its answer", s -> s.contains("  " + a + ": applied for 5m0s, then inherits")
                        && s.contains("  " + b + ": capped: applied for 1m0s only, then inherits (its --max_level_for is 60 s)")
                        && s.contains("  " + c + ": refused: changing log levels needs the 'admin' right"));
                assertThat(ui.bottomLine()).isEqualTo("set openflow to DEBUG for 5m0s on 3 controllers");
                // The lines sit just above the bars, in the order the controllers were given.
                assertThat(ui.rows().subList(25, 28)).allMatch(l -> l.startsWith("  ")).satisfies(l -> {
                    assertThat(l.get(0)).startsWith("  " + a + ": ");
                    assertThat(l.get(1)).startsWith("  " + b + ": ");
                    assertThat(l.get(2)).startsWith("  " + c + ": ");
                });
                assertThat(plain.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
                assertThat(capped.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
                assertThat(readOnly.logger("openflow").getLevel()).isNull();

                ui.command("level openflow INFO");
                ui.awaitScreen("an untimed change: applied, and timed by the cap",
                        s -> s.contains("  " + a + ": applied\n") && s.contains("  " + b + ": capped: applied for 1m0s only")
                                && s.contains("  " + c + ": refused: "));
                ui.type("j"); // the next key puts the lines away
                ui.awaitScreen("the lines go", s -> !s.contains(": refused: "));
            }
        }
    }

    @Test
    void theLoggerTreeAsksForADurationWithFThenTheLevelKeySetsItForThatLong() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket();
             TuiHarness ui = new TuiHarness(new RecordStore(1000), 120, 24, TuiHarness.FAST_RETRY, fx.wsEndpoint()).connected()) {
            fx.logger("openflow").setLevel(Level.INFO);
            fx.logger("openflow.of_01").info("up");
            ui.awaitText("up");
            ui.type("L");
            ui.awaitScreen("the levels arrive", s -> s.contains("Loggers of") && !s.contains("asking for levels"));
            assertThat(ui.bottomLine()).contains("f: for a time");
            for (int i = 0; i < 10 && !String.valueOf(ui.selectedRow()).contains(" openflow "); i++) {
                String before = String.valueOf(ui.selectedRow());
                ui.press(KeyType.ArrowDown);
                ui.awaitScreen("the selection moves", s -> !String.valueOf(ui.selectedRow()).equals(before));
            }
            ui.awaitScreen("openflow selected", s -> String.valueOf(ui.selectedRow()).contains(" openflow "));

            ui.type("f");
            ui.awaitScreen("it asks how long", s -> ui.bottomLine().equals("for how long (90s, 5m, 1h)?"));
            ui.type("5x");
            ui.press(KeyType.Enter);
            ui.awaitScreen("a bad duration is refused",
                    s -> ui.bottomLine().startsWith("'5x' is not a duration: give one such as 90s, 5m, 1h or 1h30m"));
            ui.type("f");
            ui.type("90s");
            ui.press(KeyType.Enter);
            ui.awaitScreen("it waits for the level key", s -> ui.bottomLine()
                    .equals("for 1m30s: t d i w e c x sets the level; another key calls it off"));
            ui.type("z");
            ui.awaitScreen("another key calls it off", s -> ui.bottomLine().equals("timed change called off"));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.INFO);

            ui.type("f");
            ui.type("90s");
            ui.press(KeyType.Enter);
            ui.awaitScreen("it waits for the level key", s -> ui.bottomLine().startsWith("for 1m30s: "));
            ui.type("d");
            ControllerFixture.await("openflow at DEBUG", () -> Level.DEBUG.equals(fx.logger("openflow").getLevel()));
            ui.awaitText("  ws://127.0.0.1:" + fx.webPort() + ": applied for 1m30s, then INFO");
            ui.awaitScreen("the tree counts it down",
                    s -> s.matches("(?s).*\n\u25be openflow +DEBUG +DEBUG +1m(29|30)s left, then INFO.*"));
            assertThat(ui.bottomLine()).isEqualTo("set openflow to DEBUG for 1m30s on ws://127.0.0.1:" + fx.webPort());
        }
    }
}

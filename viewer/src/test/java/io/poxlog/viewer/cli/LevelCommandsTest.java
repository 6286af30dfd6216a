package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 11: levels without tailing ({@code pox-log levels [PATTERN]}, {@code set LOGGER LEVEL},
 * {@code reset LOGGER}) with exit codes that say whether it worked, and item 9: level changes that
 * can be undone ({@code default}/{@code NOTSET}), a root named explicitly, a logger the controller
 * never reported said so. Against real controllers.
 */
class LevelCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) throws Exception {
        PoxLog app = new PoxLog(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, env);
        return CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app).execute(args)).get(60, TimeUnit.SECONDS);
    }

    private int run(String... args) throws Exception {
        return run(Map.of(), args);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void levelsPrintsConfiguredAndEffectiveOnePerLineUnderAPrefixOrAGlobAndAsJson() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.root().setLevel(Level.INFO);
            fx.logger("openflow").setLevel(Level.DEBUG);
            fx.logger("openflow.of_01");
            fx.logger("web").setLevel(Level.WARN);
            String port = String.valueOf(fx.port());
            assertThat(run("levels", "openflow", "--port", port)).isZero();
            assertThat(outLines()).containsExactly("openflow        DEBUG     DEBUG", "openflow.of_01  -         DEBUG");
            out.reset();
            assertThat(run("--port", port, "levels", "*.of_0?")).isZero();
            assertThat(outLines()).containsExactly("openflow.of_01  -         DEBUG");
            out.reset();
            assertThat(run("levels", "root", "--json", "--port", port)).isZero();
            assertThat(outLines()).contains("{\"logger\":\"root\",\"configured\":\"INFO\",\"effective\":\"INFO\"}",
                    "{\"logger\":\"web\",\"configured\":\"WARNING\",\"effective\":\"WARNING\"}");
            out.reset();
            assertThat(run("levels", "no.such", "--port", port)).isEqualTo(PoxLog.EXIT_CANNOT);
            assertThat(errText()).contains("has no logger matching 'no.such'");
        }
    }

    @Test
    void setAndResetChangeTheControllerAndSayWhatItHasNow() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("openflow.of_01");
            String port = String.valueOf(fx.port());
            assertThat(run("set", "openflow", "debug", "--port", port)).isZero();
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(outLines()).containsExactly("127.0.0.1:" + port + ": openflow DEBUG, effective DEBUG");
            out.reset();
            assertThat(run("reset", "openflow", "--port", port)).isZero();
            assertThat(fx.logger("openflow").getLevel()).isNull();
            assertThat(outLines()).containsExactly("127.0.0.1:" + port + ": openflow inherits, effective DEBUG");
            out.reset();
            assertThat(run("set", "openflow", "WARNING", "--port", port)).isZero();
            assertThat(run("set", "openflow", "default", "--port", port)).isZero();
            assertThat(fx.logger("openflow").getLevel()).isNull();
            assertThat(run("set", "root", "ERROR", "--port", port)).isZero();
            assertThat(fx.root().getLevel()).isEqualTo(Level.ERROR);
            assertThat(errText()).isEmpty();
        }
    }

    @Test
    void aLoggerTheControllerNeverReportedIsSaidWithTheNearestName() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("openflow.discovery");
            String port = String.valueOf(fx.port());
            assertThat(run("set", "openflow.discovry", "DEBUG", "--port", port)).isZero();
            assertThat(errText()).contains("127.0.0.1:" + port + " had never reported a logger 'openflow.discovry': it has one now "
                    + "(did you mean 'openflow.discovery'? 'pox-log levels' lists them)");
        }
    }

    @Test
    void exitCodesSayWhatWentWrong() throws Exception {
        int gone;
        try (ScriptedController sc = new ScriptedController()) {
            gone = sc.port();
        }
        assertThat(run("levels", "--port", String.valueOf(gone))).isEqualTo(PoxLog.EXIT_UNREACHABLE);
        assertThat(errText()).startsWith("pox-log: cannot connect to 127.0.0.1:" + gone);
        err.reset();
        assertThat(run("set", "root", "default")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: the root logger cannot inherit (it has no parent): give it a level");
        err.reset();
        assertThat(run("set", "x", "LOUD")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: unknown level 'LOUD'");
        err.reset();
        assertThat(run("set", "", "DEBUG")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: an empty logger name; the root logger is 'root'");
        err.reset();
        try (ScriptedController pox = new ScriptedController()) {
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
                try {
                    return run("levels", "--port", String.valueOf(pox.port()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pox.accept().send(ScriptedController.welcome(false, null, (String[]) null));
            assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(PoxLog.EXIT_CANNOT);
            assertThat(errText()).contains("is a POX controller, which does not report its levels");
        }
    }

    @Test
    void aReadOnlyTokenIsRefusedTheChangeWithExitCode4AndAWrongOneWith3() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            String port = String.valueOf(fx.port());
            assertThat(run(Map.of("POXLOG_TOKEN", Tokens.READ), "set", "openflow", "DEBUG", "--port", port))
                    .isEqualTo(PoxLog.EXIT_CANNOT);
            assertThat(errText()).contains("needs the 'admin' right");
            assertThat(fx.logger("openflow").getLevel()).isNull();
            err.reset();
            assertThat(run(Map.of("POXLOG_TOKEN", "not-the-token-not-the-token"), "levels", "--port", port))
                    .isEqualTo(PoxLog.EXIT_REFUSED);
        }
    }
}

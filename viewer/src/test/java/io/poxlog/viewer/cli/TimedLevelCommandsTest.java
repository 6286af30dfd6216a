package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.poxlog.logservice.LogServiceConfig;
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
 * Issue 15 in pox-log: {@code set LOGGER LEVEL --for 5m}, {@code pox-log openflow=DEBUG --for 5m},
 * and {@code levels} showing the time left. Against real controllers (the time left is read off a
 * real clock: a second may pass between the change and the line).
 */
class TimedLevelCommandsTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) throws Exception {
        PoxLog app = new PoxLog(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                false, Map.of());
        return CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app).execute(args)).get(60, TimeUnit.SECONDS);
    }

    private List<String> outLines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void setForFiveMinutesSaysTheTimeLeftAndLevelsShowsIt() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.root().setLevel(Level.INFO);
            fx.logger("openflow.of_01");
            fx.logger("web").setLevel(Level.WARN);
            String port = String.valueOf(fx.port());
            assertThat(run("set", "openflow", "DEBUG", "--for", "5m", "--port", port)).isZero();
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(outLines()).singleElement().asString()
                    .matches("127\\.0\\.0\\.1:" + port + ": openflow DEBUG, effective DEBUG, for (4m5\\ds|5m0s) left, then -");
            out.reset();
            assertThat(run("set", "web", "ERROR", "--for", "1h30m", "--port", port)).isZero();
            out.reset();
            assertThat(run("levels", "--port", port)).isZero();
            assertThat(outLines()).anySatisfy(l -> assertThat(l)
                    .matches("openflow +DEBUG +DEBUG +(4m5\\ds|5m0s) left, then -"));
            assertThat(outLines()).anySatisfy(l -> assertThat(l)
                    .matches("web +ERROR +ERROR +(1h29m5\\ds|1h30m0s) left, then WARNING"));
            assertThat(outLines()).anySatisfy(l -> assertThat(l).matches("openflow\\.of_01 +- +DEBUG"));
            out.reset();
            assertThat(run("levels", "web", "--json", "--port", port)).isZero();
            assertThat(outLines()).singleElement().asString()
                    .matches("\\{\"logger\":\"web\",\"configured\":\"ERROR\",\"effective\":\"ERROR\",\"until\":[0-9.E]+,"
                            + "\"revert_to\":\"WARNING\"}");
            assertThat(errText()).isEmpty();
        }
    }

    @Test
    void aCappedChangeIsSaidOnStandardError() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(LogServiceConfig.DEFAULTS.withMaxLevelFor(60))) {
            fx.logger("openflow");
            String port = String.valueOf(fx.port());
            assertThat(run("set", "openflow", "DEBUG", "--for", "1h", "--port", port)).isZero();
            assertThat(outLines()).singleElement().asString().matches(".*for (59s|1m0s) left, then -");
            assertThat(errText().strip()).isEqualTo("pox-log: 127.0.0.1:" + port + " capped the change at 60 s, the most it "
                    + "allows (messenger.log_service --max_level_for)");
        }
    }

    @Test
    void theLevelArgumentsForFiveMinutesAreSetTimedOnConnect() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("openflow").setLevel(Level.WARN);
            String port = String.valueOf(fx.port());
            assertThat(run("openflow=DEBUG", "--for", "5m", "--no-follow", "--port", port)).isZero();
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            out.reset();
            assertThat(run("levels", "openflow", "--port", port)).isZero();
            assertThat(outLines()).singleElement().asString()
                    .matches("openflow +DEBUG +DEBUG +(4m5\\ds|5m0s) left, then WARNING");
        }
    }

    @Test
    void badDurationsAreRefusedWithExitCode2() throws Exception {
        assertThat(run("set", "openflow", "DEBUG", "--for", "5x")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: --for: '5x' is not a duration: give one such as 90s, 5m, 1h or 1h30m");
        err.reset();
        assertThat(run("set", "openflow", "DEBUG", "--for", "90")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: --for: '90' is not a duration");
        err.reset();
        assertThat(run("set", "openflow", "DEBUG", "--for", "0m")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: --for: '0m' is no time at all");
        err.reset();
        assertThat(run("set", "openflow", "DEBUG", "--for", "8d")).isEqualTo(2);
        assertThat(errText()).startsWith("pox-log set: --for: '8d' is longer than 7 days (604800 s), the most a controller takes");
        err.reset();
        assertThat(run("--for", "5m", "--plain")).isEqualTo(2);
        assertThat(errText()).contains("--for times the levels that logger=LEVEL arguments set; none is given");
    }

    @Test
    void aControllerThatCannotTimeAChangeIsNotSentOne() throws Exception {
        try (ScriptedController pox = new ScriptedController()) {
            CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() -> {
                try {
                    return run("set", "openflow", "DEBUG", "--for", "5m", "--port", String.valueOf(pox.port()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            pox.accept().send(ScriptedController.welcome(false, null, (String[]) null));
            assertThat(code.get(60, TimeUnit.SECONDS)).isEqualTo(PoxLog.EXIT_CANNOT);
            assertThat(errText()).contains("does not take timed level changes (its welcome lists no level_for); "
                    + "nothing was changed");
        }
    }

    @Test
    void durationsAndTimeLeftAreReadAndWrittenAsOperatorsWriteThem() {
        assertThat(LevelArgs.duration("90s")).isEqualTo(90);
        assertThat(LevelArgs.duration("5m")).isEqualTo(300);
        assertThat(LevelArgs.duration("1h")).isEqualTo(3600);
        assertThat(LevelArgs.duration("1h30m")).isEqualTo(5400);
        assertThat(LevelArgs.duration("7d")).isEqualTo(604800);
        assertThatThrownBy(() -> LevelArgs.duration("99999999999999999999h")).hasMessageContaining("longer than 7 days");
        assertThat(LevelArgs.left(299)).isEqualTo("4m59s");
        assertThat(LevelArgs.left(42)).isEqualTo("42s");
        assertThat(LevelArgs.left(3605)).isEqualTo("1h0m5s");
    }
}

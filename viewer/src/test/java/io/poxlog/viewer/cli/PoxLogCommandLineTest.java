package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** bin/pox-log's arguments: POX's meaning kept, ours added, bad ones refused in one line. */
class PoxLogCommandLineTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private PoxLog app() {
        return new PoxLog(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    private PoxLog.Settings settings(String... args) {
        PoxLog app = app();
        PoxLog.commandLine(app).parseArgs(args);
        return app.settings();
    }

    private int run(String... args) {
        return PoxLog.commandLine(app()).execute(args);
    }

    @Test
    void aViewerNotAskedToChangeLevelsChangesNothing() {
        PoxLog.Settings s = settings();
        assertThat(s.options().setLevels()).isEmpty();
        assertThat(s.endpoints()).extracting(Object::toString).containsExactly("127.0.0.1:7790");
    }

    @Test
    void loggersTakeTheirOwnLevelOrTheDefaultAndAnExplicitLevelSetsTheRoot() {
        assertThat(settings("openflow=debug", "web").options().setLevels())
                .containsOnly(java.util.Map.entry("openflow", "DEBUG"), java.util.Map.entry("web", "INFO"));
        assertThat(settings("--level", "WARN", "web").options().setLevels())
                .containsEntry("", "WARNING").containsEntry("web", "WARNING");
    }

    @Test
    void addressPortAndRepeatedConnect() {
        assertThat(settings("--address", "10.0.0.5", "--port", "7791").endpoints()).extracting(Object::toString)
                .containsExactly("10.0.0.5:7791");
        assertThat(settings("--connect", "c1:7790", "--connect", "[::1]:7792").endpoints()).extracting(Object::toString)
                .containsExactly("c1:7790", "::1:7792");
    }

    @Test
    void grepAndMinLevelBecomeTheFilter() {
        PoxLog.Settings s = settings("--grep", "of_0[1-3]", "--min-level", "warning", "--backlog", "50");
        assertThat(s.filter().include().pattern()).isEqualTo("of_0[1-3]");
        assertThat(s.filter().minLevel()).isEqualTo(30);
        assertThat(s.options().backlog()).isEqualTo(50);
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2() {
        assertThat(run("--min-level", "LOUD")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: --min-level: unknown level 'LOUD'");
        err.reset();
        assertThat(run("--connect", "nohostport")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: --connect 'nohostport' is not host:port");
        err.reset();
        assertThat(run("--grep", "(")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: --grep: bad regex");
        err.reset();
        assertThat(run("--plain", "--json")).isEqualTo(2);
        err.reset();
        assertThat(run("--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("")).startsWith("pox-log: Unknown option: '--bogus'");
    }

    @Test
    void defaultAndNotsetMakeALoggerInheritAgainAndTheRootIsNamedExplicitly() {
        assertThat(settings("openflow=default", "web=NOTSET", "root=DEBUG").options().setLevels()).containsOnly(
                java.util.Map.entry("openflow", "NOTSET"), java.util.Map.entry("web", "NOTSET"), java.util.Map.entry("", "DEBUG"));
        assertThat(settings("\"\"=warn").options().setLevels()).containsOnly(java.util.Map.entry("", "WARNING"));
        assertThat(settings("--min-level", "default").filter().minLevel()).isZero();
    }

    @Test
    void anEmptyLoggerNameIsRefusedRatherThanTakenForTheRoot() {
        assertThat(run("=DEBUG")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "pox-log: logger '': an empty logger name; the root logger is 'root' (or '\"\"', quoted)");
        err.reset();
        assertThat(run("root=default")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith(
                "pox-log: logger root: the root logger cannot inherit (it has no parent): give it a level");
        err.reset();
        assertThat(run("openflow=99")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: logger openflow: level 99 is above 50");
    }

    @Test
    void aPortOutOfRangeNamesPort() {
        assertThat(run("--port", "99999")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: --port must be 1-65535, not 99999");
    }

    @Test
    void jsonTakesNeitherMultilineNorTimestamps() {
        assertThat(run("--json", "--multiline")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: --multiline is for plain lines");
    }

    @Test
    void theTerminalUiStartsWithABacklogAndLinesWithNoneUnlessAsked() {
        PoxLog tui = new PoxLog(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), true);
        PoxLog.commandLine(tui).parseArgs();
        assertThat(tui.settings().options().backlog()).isEqualTo(PoxLog.DEFAULT_TUI_BACKLOG).isEqualTo(500);
        assertThat(settings().options().backlog()).isZero();
        assertThat(settings("-n", "7").options().backlog()).isEqualTo(7);
        assertThat(settings("--no-follow").options().backlog()).isEqualTo(io.poxlog.viewer.client.SubscriptionOptions.ALL_RETAINED);
    }

    @Test
    void helpAndVersionAsUsersExpect() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Usage: pox-log", "--connect", "--plain", "--min-level",
                "3 when a controller", "4 when a controller cannot do what was asked", "levels", "--no-follow");
        out.reset();
        assertThat(run("--version")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("poxlog ");
    }
}

package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10, item 7: each standard stream is sanitized when it is a terminal, whatever the others
 * are. pox-log runs in a real pseudo-terminal ({@code script -qc}), with standard input from
 * {@code /dev/null} (so {@code System.console()} is null) or standard output to a file.
 */
class TerminalsTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    /** Runs {@code shell} in a pseudo-terminal; returns what the terminal was shown once it shows {@code until}. */
    private static String onTerminal(String shell, String until) throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "util-linux's script, for a pseudo-terminal");
        Process p = new ProcessBuilder(SCRIPT.toString(), "-qc", shell, "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectErrorStream(true).start();
        ByteArrayOutputStream shown = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(p.getInputStream(), shown), "terminal-reader");
        reader.start();
        try {
            // A JVM started on a loaded machine: a deadline of a minute, polled.
            io.poxlog.testing.Await.until("the terminal shows " + until, java.time.Duration.ofSeconds(60),
                    () -> text(shown).contains(until));
            return text(shown);
        } finally {
            p.destroy(); // the terminal goes, and pox-log with it (SIGHUP)
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroyForcibly();
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream to) {
        byte[] b = new byte[4096];
        try {
            for (int n; (n = in.read(b)) > 0; ) {
                synchronized (to) {
                    to.write(b, 0, n);
                }
            }
        } catch (IOException ignored) {
            // the terminal closed
        }
    }

    private static String text(ByteArrayOutputStream b) {
        synchronized (b) {
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    private static String shell(java.util.List<String> command) {
        return command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    }

    @Test
    void plainWithStandardInputFromDevNullOnATerminalShowsEscapesHarmlessly() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("evil").info("\u001b]0;pwned\u0007\u001b[2J\u001b]52;c;Y2xpcGJvYXJk\u0007\u001b[6n\u009b31m done");
            String shown = onTerminal(shell(PoxLogProcess.command("--plain", "--no-follow", "--port", String.valueOf(fx.port())))
                    + " </dev/null", "done");
            assertThat(shown).contains("INFO|evil|^[]0;pwned^G^[[2J^[]52;c;Y2xpcGJvYXJk^G^[[6n<9b>31m done");
            assertThat(shown.chars()).noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x9b);
        }
    }

    @Test
    void withStandardOutputInAFileTheControllersErrorsOnTheTerminalAreShownHarmlessly(@TempDir Path dir) throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Path file = dir.resolve("records.txt");
            Thread controller = new Thread(() -> {
                try {
                    ScriptedController.Peer p = sc.accept(PoxLogProcess.DEADLINE);
                    p.send(ScriptedController.welcome(false, "run", ScriptedController.LOG_SERVICE));
                    p.next(m -> "join_channel".equals(m.path("cmd").asText()));
                    p.send("{\"CHANNEL\":\"\",\"cmd\":\"error\",\"error\":\"\\u001b]0;pwned\\u0007\\u001b[2J no such thing\"}");
                    p.next(m -> false); // holds the connection open until the test ends
                } catch (Exception | AssertionError ignored) {
                    // the test is over
                }
            }, "scripted-controller");
            controller.setDaemon(true);
            controller.start();
            String shown = onTerminal(shell(PoxLogProcess.command("--plain", "--port", String.valueOf(sc.port())))
                    + " </dev/null >'" + file + "'", "no such thing");
            assertThat(shown).contains("error: ^[]0;pwned^G^[[2J no such thing ==");
            assertThat(shown.chars()).noneMatch(c -> c == 0x1b || c == 0x07);
        }
    }

    @Test
    void eachStreamIsAskedOnItsOwnPropertiesFirstThenProcThenTheConsole() {
        Map<String, String> props = Map.of("poxlog.tty.stdout", "true", "poxlog.tty.stderr", "false");
        Map<Integer, String> fds = Map.of(0, "/dev/null", 1, "pipe:[123]", 2, "/dev/pts/3");
        assertThat(Terminals.detect(props::get, fds::get, false)).isEqualTo(new Terminals(false, true, false));
        assertThat(Terminals.detect(k -> null, fds::get, false)).isEqualTo(new Terminals(false, false, true));
        assertThat(Terminals.detect(k -> null, fd -> null, true)).isEqualTo(Terminals.ALL);
        assertThat(Terminals.detect(k -> "maybe", fd -> fd == 1 ? "/dev/tty1" : null, false))
                .isEqualTo(new Terminals(false, true, false));
        assertThat(Terminals.ALL.interactive()).isTrue();
        assertThat(new Terminals(false, true, true).interactive()).isFalse();
    }
}

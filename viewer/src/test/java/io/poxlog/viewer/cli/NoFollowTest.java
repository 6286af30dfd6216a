package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What operators expect (issue 11): {@code --no-follow} prints what the controllers retain,
 * filtered, and exits ({@code kubectl logs} without {@code -f}); {@code --since} cuts by the
 * records' {@code created}; {@code -n}. Real processes against real controllers.
 */
class NoFollowTest {

    /** A record as if logged {@code secondsAgo} ago (created from the event's time stamp). */
    private static void logAgo(ControllerFixture fx, String logger, Level level, String message, long secondsAgo) {
        ch.qos.logback.classic.Logger l = fx.logger(logger);
        LoggingEvent e = new LoggingEvent(ch.qos.logback.classic.Logger.class.getName(), l, level, message, null, null);
        e.setTimeStamp(System.currentTimeMillis() - secondsAgo * 1000);
        l.callAppenders(e);
    }

    @Test
    void noFollowPrintsWhatIsRetainedFilteredAndExitsWhileTheControllerGoesOnLogging() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            for (int i = 1; i <= 200; i++) {
                fx.logger("switch").info("fine {}", i);
                if (i % 50 == 0) {
                    fx.logger("switch").error("error {}", i / 50);
                }
            }
            Thread busy = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    fx.logger("switch").error("live"); // matches too: the end must not wait for it
                    LockSupport.parkNanos(2_000_000);
                }
            }, "busy-controller");
            try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "--min-level", "ERROR", "--port", String.valueOf(fx.port()))) {
                busy.start();
                List<String> lines = p.rest();
                assertThat(p.exit()).isZero();
                assertThat(lines.subList(0, 4)).containsExactly("ERROR|switch|error 1", "ERROR|switch|error 2",
                        "ERROR|switch|error 3", "ERROR|switch|error 4");
                assertThat(lines.subList(4, lines.size())).allMatch(l -> l.equals("ERROR|switch|live"));
            } finally {
                busy.interrupt();
                busy.join();
            }
        }
    }

    @Test
    void noFollowWithNMatchingNothingEndsEmptyAndSoDoesAPoxController() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("a").info("nothing to see");
            try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "-n", "10", "--grep", "nomatch", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.rest()).isEmpty();
                assertThat(p.exit()).isZero();
            }
        }
        try (ScriptedController sc = new ScriptedController();
             PoxLogProcess p = PoxLogProcess.start("--no-follow", "--port", String.valueOf(sc.port()))) {
            sc.accept(PoxLogProcess.DEADLINE).send(ScriptedController.welcome(false, null, (String[]) null));
            assertThat(p.rest()).isEmpty();
            assertThat(p.exit()).isZero();
            assertThat(p.errLine("Connected")).contains("a POX controller keeps no backlog");
        }
    }

    @Test
    void noFollowFromTwoControllersIsOneListInTimeOrder() throws Exception {
        try (ControllerFixture a = new ControllerFixture(); ControllerFixture b = new ControllerFixture()) {
            for (int i = 1; i <= 6; i++) {
                logAgo(i % 2 == 1 ? a : b, "s", Level.INFO, "r" + i, 100 - i);
            }
            try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "--connect", "127.0.0.1:" + a.port(), "--connect",
                    "127.0.0.1:" + b.port())) {
                assertThat(p.rest()).extracting(l -> l.substring(l.lastIndexOf('|') + 1))
                        .containsExactly("r1", "r2", "r3", "r4", "r5", "r6");
                assertThat(p.exit()).isZero();
            }
        }
    }

    @Test
    void sinceTenMinutesLeavesOutOlderRecordsAndSaysNothingOfThem() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            logAgo(fx, "a", Level.ERROR, "an hour ago", 3600);
            logAgo(fx, "a", Level.ERROR, "eleven minutes ago", 660);
            logAgo(fx, "a", Level.ERROR, "nine minutes ago", 540);
            logAgo(fx, "a", Level.INFO, "a minute ago", 60);
            logAgo(fx, "a", Level.ERROR, "now", 0);
            try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "--since", "10m", "--min-level", "ERROR", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.rest()).containsExactly("ERROR|a|nine minutes ago", "ERROR|a|now");
                assertThat(p.exit()).isZero();
            }
            try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "--since", "1h30m", "-n", "2", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.rest()).containsExactly("INFO|a|a minute ago", "ERROR|a|now");
            }
        }
    }

    @Test
    void levelsOnTheCommandLineCanBeUndoneAndTheRootNamed() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("openflow").setLevel(Level.DEBUG);
            // -n 0 --no-follow: set the levels, print nothing, exit.
            try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "-n", "0", "openflow=default", "root=WARNING", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.exit()).isZero();
            }
            assertThat(fx.logger("openflow").getLevel()).isNull();
            assertThat(fx.root().getLevel()).isEqualTo(Level.WARN);
        }
    }

    @Test
    void aConnectionLostBeforeTheBacklogEndedIsSaidAndExitCode1() throws Exception {
        // Before: the records that had come were printed, nothing was said, and the exit code was 0.
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PoxLog app = new PoxLog(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        try (ScriptedController sc = new ScriptedController()) {
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app)
                    .execute("--no-follow", "--port", String.valueOf(sc.port())));
            ScriptedController.Peer p = sc.accept();
            p.send(ScriptedController.welcome(false, "run-a", ScriptedController.LOG_SERVICE));
            String channel = p.next(m -> "join_channel".equals(m.path("cmd").asText())).get("channel").asText();
            String probe = p.next(m -> "join_channel".equals(m.path("cmd").asText())).get("channel").asText();
            p.answerProbe(p.next(m -> m.has("test")));
            p.send(record(channel, 1, "one")).send(record(channel, 2, "two"));
            p.send(record(probe, 5, "five")); // the backlog goes up to seq 5
            ControllerFixture.await("two records printed", () -> out.toString(StandardCharsets.UTF_8).contains("two"));
            p.close();
            assertThat(exit.get(60, TimeUnit.SECONDS)).isEqualTo(PoxLog.EXIT_UNREACHABLE);
        }
        assertThat(out.toString(StandardCharsets.UTF_8).lines()).containsExactly("INFO|app|one", "INFO|app|two");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Disconnected from 127.0.0.1:")
                .contains("before the end of its backlog");
    }

    private static String record(String channel, long seq, String message) {
        return "{\"CHANNEL\":\"" + channel + "\",\"message\":\"" + message + "\",\"seq\":" + seq
                + ",\"levelname\":\"INFO\",\"levelno\":20,\"name\":\"app\",\"created\":" + System.currentTimeMillis() / 1000.0 + "}";
    }

    @Test
    void aControllerThatCannotBeReachedIsExitCode1() throws Exception {
        int port;
        try (ScriptedController gone = new ScriptedController()) {
            port = gone.port();
        }
        try (PoxLogProcess p = PoxLogProcess.start("--no-follow", "--port", String.valueOf(port))) {
            assertThat(p.exit()).isEqualTo(PoxLog.EXIT_UNREACHABLE);
            assertThat(p.errLine("Cannot connect")).contains("127.0.0.1:" + port);
        }
    }
}

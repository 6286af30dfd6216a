package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.poxlog.testing.Await;
import io.poxlog.testing.WireClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The console of bin/controller, as a real process: where it goes, when it ends, what it lets through. */
class ControllerConsoleTest {

    @Test
    void whenTheReaderOfItsOutputGoesAwayTheControllerEndsAtOnceAndQuietly() throws Exception {
        try (ControllerProcess controller = ControllerProcess.startUnread(
                "messenger.tcp_transport", "--tcp_port=0", "demo", "--rate=200")) {
            // `bin/controller | head -5`: read five lines, then go away.
            BufferedReader out = new BufferedReader(new InputStreamReader(controller.process.getInputStream(), StandardCharsets.UTF_8));
            for (int i = 0; i < 5; i++) {
                assertThat(out.readLine()).as("console line " + (i + 1)).isNotNull();
            }
            out.close();
            assertThat(controller.process.waitFor(15, TimeUnit.SECONDS)).as("the controller ended within 15 s").isTrue();
            assertThat(controller.process.exitValue()).isZero();
            assertThat(controller.err).as("nothing said on stderr").isEmpty();
        }
    }

    @Test
    void aConsoleThatCannotBeWrittenIsSaidOnceOnStderrAndTheControllerGoesOn() throws Exception {
        // `bin/controller > log` on a disk that is full: the reader has not gone away, and a
        // controller must not stop because its console's disk filled up.
        File full = new File("/dev/full");
        assumeTrue(full.exists(), "a device whose writes fail as a full disk's do");
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (ControllerProcess controller = ControllerProcess.startWithOutputTo(full,
                "messenger.tcp_transport", "--tcp_port=" + port, "demo", "--rate=200")) {
            Await.until("the controller says its console fails, or ends", Duration.ofSeconds(60),
                    () -> !controller.err.isEmpty() || !controller.process.isAlive());
            assertThat(controller.process.isAlive()).as("the controller, its console failing").isTrue();
            assertThat(controller.err.peek()).startsWith("controller: cannot write the console log to /dev/full");
            // Its console says nothing of where it listens: wait until it does.
            Await.until("the controller listens, its console failing", Duration.ofSeconds(60), () -> {
                assertThat(controller.process.isAlive()).as("the controller").isTrue();
                try (WireClient c = WireClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                    c.welcome();
                    c.send("{\"test\":\"still\"}");
                    return c.next().get("test").asText().equals("STILL");
                } catch (java.net.ConnectException notYet) {
                    return false;
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            assertThat(controller.err).as("said once, however many records failed since").hasSize(1);
        }
    }

    @Test
    void controlCharactersInRecordsFromTheNetworkReachTheConsoleVisibleNeverRaw() throws Exception {
        try (ControllerProcess controller = ControllerProcess.start(
                "messenger.tcp_transport", "--tcp_port=0", "messenger.log_service")) {
            InetSocketAddress address = controller.awaitListening();
            try (WireClient c = WireClient.connect(address)) {
                c.welcome();
                // A window title, a screen clear, a clipboard write, a cursor query (C1 CSI) and a
                // bidi override, in the message and in the logger's name.
                c.send("{\"CHANNEL\":\"log\",\"level\":\"WARNING\",\"subsystem\":\"evil\\u001b[2J\","
                        + "\"message\":\"pwned\\u001b]0;title\\u0007 \\u001b]52;c;aGk=\\u0007 \\u009b6n \\u202egnp.exe\"}");
                String line = controller.awaitLine(Pattern.compile("pwned"));
                assertThat(line).doesNotContain("\u001b", "\u0007", "\u009b", "\u202e")
                        .isEqualTo("WARNING:evil^[[2J:pwned^[]0;title^G ^[]52;c;aGk=^G <9b>6n <U+202E>gnp.exe");
            }
        }
    }
}

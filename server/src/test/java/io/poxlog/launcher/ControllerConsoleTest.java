package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.WireClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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

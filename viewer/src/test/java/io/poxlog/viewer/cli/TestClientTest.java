package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** bin/test-client against a real messenger: the POX walkthrough, and lines that are not objects. */
class TestClientTest {
    private Nexus nexus;
    private ExampleServices examples;
    private TcpTransport transport;

    @BeforeEach
    void start() throws Exception {
        nexus = new Nexus();
        examples = new ExampleServices(nexus).start();
        transport = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS).start();
    }

    @AfterEach
    void stop() throws Exception {
        transport.stop();
        examples.stop();
        nexus.stop(5, TimeUnit.SECONDS);
    }

    private String run(String input, String until) throws Exception {
        return TypedSession.run(new String[] {"127.0.0.1", String.valueOf(transport.boundAddress().getPort()),
                "--wait", "0"}, Map.of(), input, until);
    }

    @Test
    void theWalkthroughPrintsTheWelcomeThenTheUpperCasedReply() throws Exception {
        String out = run("{\"CHANNEL\":\"upper\",\"msg\":\"hello world\"}\n", "HELLO WORLD");
        assertThat(out).startsWith("Connecting to 127.0.0.1:");
        assertThat(out).containsPattern("Recv: \\{\"CHANNEL\": \"\", \"cmd\": \"welcome\", \"session_id\": \"[^\"]+\"");
        assertThat(out).contains("Recv: {\"count\": 1, \"msg\": \"HELLO WORLD\", \"CHANNEL\": \"upper\"}");
        assertThat(out.indexOf("welcome")).isLessThan(out.indexOf("HELLO WORLD"));
    }

    @Test
    void inputThatEndsAtOnceStillGetsEveryReplyPrintedBeforeTheClientCloses() throws Exception {
        // As `printf '...' | bin/test-client`: input ends before anything has come back.
        String input = "{\"CHANNEL\":\"upper\",\"msg\":\"one\"}\n{\"CHANNEL\":\"upper\",\"msg\":\"two\"}\n";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"127.0.0.1", String.valueOf(transport.boundAddress().getPort()), "--wait", "0"},
                new java.io.ByteArrayInputStream(input.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), Map.of());
        assertThat(code).isZero();
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(printed).contains("\"count\": 1, \"msg\": \"ONE\"", "\"count\": 2, \"msg\": \"TWO\"");
        assertThat(printed).doesNotContain("TEST-CLIENT-"); // its own round trip is not shown
    }

    @Test
    void aLineThatIsNotAJsonObjectIsReportedAndNotSent() throws Exception {
        String out = run("[1, 2]\nnot json\n{\"test\":\"still here\"}\n", "STILL HERE");
        assertThat(out).contains("Not sent: a message must be a JSON object");
        assertThat(out).contains("Not sent: not JSON");
        assertThat(out).contains("Recv: {\"test\": \"STILL HERE\", \"CHANNEL\": \"\"}");
        assertThat(out).doesNotContain("\"error\"");
    }

    @Test
    void helpShowsTheAddressAndPortAsOptionalAndTheExitCodes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"--help"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("[ADDRESS] [PORT]").contains("3 when the messenger refuses");
    }

    @Test
    void badArgumentsGiveOneLineAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"127.0.0.1", "notaport"}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("test-client: ").contains("notaport");
    }
}

package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.testing.ControllerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/pox-log --connect ws://HOST:PORT/_webmsg/ws} (issue 13): every mode of the command
 * line over the WebSocket transport of a real controller, alone and beside a TCP one.
 */
class PoxLogWebSocketTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void plainModeAsAProcessTailsOverWebSocketAndResumesAfterTheControllerComesBack() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket();
             PoxLogProcess p = PoxLogProcess.start("--plain", "--connect", fx.wsUrl(), "openflow=DEBUG")) {
            String source = "ws://127.0.0.1:" + fx.webPort();
            p.errLine("== Connected to " + source + " ==");
            ControllerFixture.await("openflow at DEBUG", () -> Level.DEBUG.equals(fx.logger("openflow").getLevel()));
            fx.logger("openflow.of_01").debug("switch 1 up");
            assertThat(waitFor(p, "switch 1 up")).isEqualTo("DEBUG|openflow.of_01|switch 1 up");
            fx.disconnectAll();
            p.errLine("== Disconnected from " + source + ": connection closed by the controller (WebSocket close 1001: "
                    + "the server is stopping); reconnecting with backoff ==");
            fx.logger("openflow.of_01").info("logged while it was away");
            fx.reconnectable();
            p.errLine("== Connected to " + source + ": resumed");
            assertThat(waitFor(p, "logged while it was away")).isEqualTo("INFO|openflow.of_01|logged while it was away");
            fx.logger("openflow.of_01").warn("live again");
            assertThat(waitFor(p, "live again")).isEqualTo("WARNING|openflow.of_01|live again");
        }
    }

    /** Lines until one that contains {@code text} (audit records of the level change come between). */
    private static String waitFor(PoxLogProcess p, String text) throws InterruptedException {
        while (true) {
            String l = p.line();
            if (l.contains(text)) {
                return l;
            }
        }
    }

    @Test
    void jsonFollowsAWebSocketControllerAndATcpOneAtOnceEachRecordWithItsSource() throws Exception {
        try (ControllerFixture ws = new ControllerFixture().withWebSocket(); ControllerFixture tcp = new ControllerFixture()) {
            List<JsonNode> got = runUntil(Map.of(), out -> out.contains("from ws") && out.contains("from tcp"), () -> {
                ws.logger("a").info("from ws");
                tcp.logger("a").info("from tcp");
            }, "--json", "--connect", ws.wsUrl(), "--connect", "127.0.0.1:" + tcp.port());
            assertThat(got).anySatisfy(r -> {
                assertThat(r.path("message").asText()).isEqualTo("from ws");
                assertThat(r.path("source").asText()).isEqualTo("ws://127.0.0.1:" + ws.webPort());
            });
            assertThat(got).anySatisfy(r -> {
                assertThat(r.path("message").asText()).isEqualTo("from tcp");
                assertThat(r.path("source").asText()).isEqualTo("127.0.0.1:" + tcp.port());
            });
        }
    }

    @Test
    void levelsAndSetForFiveMinutesWorkOverWebSocket() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket()) {
            fx.root().setLevel(Level.INFO);
            fx.logger("openflow.of_01");
            Cli c = new Cli();
            assertThat(c.run("set", "openflow", "DEBUG", "--for", "5m", "--connect", fx.wsUrl())).isZero();
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            assertThat(c.out()).singleElement().asString().matches("ws://127\\.0\\.0\\.1:" + fx.webPort()
                    + ": openflow DEBUG, effective DEBUG, for (4m5\\ds|5m0s) left, then -");
            c = new Cli();
            assertThat(c.run("levels", "openflow", "--connect", fx.wsUrl())).isZero();
            assertThat(c.out()).anySatisfy(l -> assertThat(l).matches("openflow +DEBUG +DEBUG +(4m5\\ds|5m0s) left, then -"));
            c = new Cli();
            assertThat(c.run("reset", "openflow", "--connect", fx.wsUrl())).isZero();
            assertThat(fx.logger("openflow").getLevel()).isNull();
        }
    }

    @Test
    void wssWithAPinnedCertificateAndATokenFileTailsAndSetsLevels(@TempDir Path dir) throws Exception {
        try (TestCertificate cert = new TestCertificate(); ControllerFixture fx = new ControllerFixture()
                .withWebSocket(ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile()))) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            Path token = Files.writeString(dir.resolve("token"), Tokens.ADMIN + "\n");
            List<JsonNode> got = runUntil(Map.of(), out -> out.contains("secret switch"),
                    () -> fx.logger("openflow.of_01").debug("secret switch"),
                    "--json", "--connect", fx.wsUrl(), "--tls-fingerprint", cert.sha256(), "--token-file", token.toString(),
                    "openflow=DEBUG");
            assertThat(got).anySatisfy(r -> assertThat(r.path("message").asText()).isEqualTo("secret switch"));
            assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
        }
    }

    @Test
    void wsWithATlsOptionAndATokenInTheUrlAreBadArguments() throws Exception {
        Cli c = new Cli();
        assertThat(c.run("--connect", "ws://c1:8000/_webmsg/ws", "--tls")).isEqualTo(2);
        assertThat(c.err()).isEqualTo("pox-log: --connect ws://c1:8000/_webmsg/ws: --tls, --tls-ca and --tls-fingerprint "
                + "ask for TLS, and ws:// is without it: use wss://");
        c = new Cli();
        assertThat(c.run("--connect", "wss://c1:8000/_webmsg/ws?token=abc")).isEqualTo(2);
        assertThat(c.err()).startsWith("pox-log: --connect 'wss://c1:8000/_webmsg/ws?token=abc': a token never goes in a URL");
        c = new Cli();
        assertThat(c.run("--connect", "http://c1:8000/")).isEqualTo(2);
        assertThat(c.err()).contains("a URL must be ws:// or wss://");
    }

    /** pox-log in this JVM, its output and error kept. */
    private static final class Cli {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        int run(String... args) throws Exception {
            PoxLog app = new PoxLog(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                    false, Map.of());
            return CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app).execute(args)).get(60, TimeUnit.SECONDS);
        }

        List<String> out() {
            return out.toString(StandardCharsets.UTF_8).lines().toList();
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("");
        }
    }

    /** Runs pox-log in lines until its output passes {@code done} (running {@code log} meanwhile), then stops it. */
    private static List<JsonNode> runUntil(Map<String, String> env, java.util.function.Predicate<String> done, Runnable log,
                                           String... args) throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PoxLog app = new PoxLog(out, new PrintStream(errBytes, true, StandardCharsets.UTF_8), false, env);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app).execute(args));
        try {
            ControllerFixture.await("the records are printed; stderr: " + errBytes, () -> {
                log.run(); // again until the subscriptions are live
                synchronized (out) {
                    return done.test(outBytes.toString(StandardCharsets.UTF_8));
                }
            });
        } finally {
            app.stop.countDown();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        List<JsonNode> records = new ArrayList<>();
        synchronized (out) {
            for (String l : outBytes.toString(StandardCharsets.UTF_8).lines().toList()) {
                records.add(MAPPER.readTree(l));
            }
        }
        return records;
    }
}

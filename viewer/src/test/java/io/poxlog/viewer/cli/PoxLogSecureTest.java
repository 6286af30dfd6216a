package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.testing.ControllerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/pox-log against a controller that wants TLS and a token: --tls-*, --token-file, POXLOG_TOKEN. */
class PoxLogSecureTest {

    @Test
    void plainModeOverTlsWithATokenFileSetsLevelsAndPrintsRecords(@TempDir Path dir) throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TestCertificate cert = new TestCertificate()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            fx.disconnectAll();
            TcpTransport tls = new TcpTransport(fx.nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS,
                    ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile())).start();
            Path tokenFile = Files.writeString(dir.resolve("token"), "# the admin token\n" + Tokens.ADMIN + "\n");
            try {
                String out = runUntil(Map.of(), "secret switch", fx,
                        "--plain", "--port", String.valueOf(tls.boundAddress().getPort()),
                        "--tls-fingerprint", cert.sha256(), "--token-file", tokenFile.toString(), "openflow=DEBUG");
                assertThat(out.lines()).contains("DEBUG|openflow.of_01|secret switch");
                assertThat(fx.logger("openflow").getLevel()).isEqualTo(Level.DEBUG);
            } finally {
                tls.stop();
            }
        }
    }

    @Test
    void theTokenMayComeFromTheEnvironment() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            String out = runUntil(Map.of("POXLOG_TOKEN", Tokens.READ), "secret switch", fx,
                    "--plain", "--port", String.valueOf(fx.port()));
            assertThat(out.lines()).contains("DEBUG|openflow.of_01|secret switch");
        }
    }

    @Test
    void aRefusedOrMissingTokenEndsPlainModeWithOneLineAndExitCode3(@TempDir Path dir) throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            String port = String.valueOf(fx.port());
            Path wrong = Files.writeString(dir.resolve("token"), "not-the-token-not-the-token\n");
            String[][] runs = {{"--plain", "--port", port, "--token-file", wrong.toString()}, {"--plain", "--port", port}};
            String[] said = {"the controller refused the token: authentication failed: unknown token (failure 1 of 3)",
                "a token is required; give it with --token-file or POXLOG_TOKEN"};
            for (int i = 0; i < runs.length; i++) {
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                PoxLog app = new PoxLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), false, Map.of());
                String[] args = runs[i];
                CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app).execute(args));
                try {
                    assertThat(exit.get(15, TimeUnit.SECONDS)).isEqualTo(PoxLog.EXIT_REFUSED).isEqualTo(3);
                } finally {
                    app.stop.countDown();
                }
                assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                        "== 127.0.0.1:" + port + " refused this viewer: " + said[i] + " ==");
            }
        }
    }

    @Test
    void aBadTlsOptionIsOneLineAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PoxLog app = new PoxLog(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
        assertThat(PoxLog.commandLine(app).execute("--tls-ca", "/no/such/ca.pem", "--tls-fingerprint", "ab")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("pox-log: give --tls-ca or --tls-fingerprint, not both");
    }

    /** Runs pox-log until its output shows {@code text} (logging it meanwhile), then stops it. */
    private static String runUntil(Map<String, String> env, String text, ControllerFixture fx, String... args) throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PoxLog app = new PoxLog(out, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), false, env);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> PoxLog.commandLine(app).execute(args));
        try {
            ControllerFixture.await("the record is printed", () -> {
                fx.logger("openflow.of_01").debug(text); // again until a subscription is live
                synchronized (out) {
                    return outBytes.toString(StandardCharsets.UTF_8).contains(text);
                }
            });
        } finally {
            app.stop.countDown();
        }
        assertThat(exit.get(10, TimeUnit.SECONDS)).isZero();
        synchronized (out) {
            return outBytes.toString(StandardCharsets.UTF_8);
        }
    }
}

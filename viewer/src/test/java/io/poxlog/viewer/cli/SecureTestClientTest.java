package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.Tokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/test-client against a messenger that requires TLS and a token. */
class SecureTestClientTest {
    private static TestCertificate cert;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cert = new TestCertificate();
        server = TestServer.tls(cert, Tokens.BOTH);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cert.close();
    }

    private static String port() {
        return String.valueOf(server.address().getPort());
    }

    @Test
    void aPinnedCertificateAndATokenFileGetThroughBeforeTheFirstTypedLine(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "# mine\n" + Tokens.READ + "\n");
        String out = TypedSession.run(new String[] {"127.0.0.1", port(), "--wait", "0",
                "--tls-fingerprint", cert.sha256(), "--token-file", tokenFile.toString()}, Map.of(),
                "{\"CHANNEL\":\"upper\",\"msg\":\"over tls\"}\n", "OVER TLS");
        assertThat(out).contains("\"cmd\": \"authenticated\", \"role\": \"read\"").doesNotContain("\"error\"")
                .doesNotContain(Tokens.READ);
    }

    @Test
    void aCaFileAndTheEnvironmentVariableWorkToo() throws Exception {
        String out = TypedSession.run(new String[] {"localhost", port(), "--wait", "0",
                "--tls-ca", cert.certificateFile().toString()}, Map.of("POXLOG_TOKEN", Tokens.ADMIN),
                "{\"test\":\"env\"}\n", "ENV");
        assertThat(out).contains("\"role\": \"admin\"");
    }

    @Test
    void withoutTlsTheServerHangsUpAndTheClientSaysSoAndWhatItMeans() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"127.0.0.1", port(), "--wait", "0"},
                new ByteArrayInputStream("{\"test\":\"plain\"}\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of());
        assertThat(code).isEqualTo(TestClient.EXIT_CANNOT_CONNECT);
        // The server gives up on the TLS handshake after 10 s, as the client gives up on the
        // welcome: whichever comes first, the client says what it probably means.
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("Recv:")
                .contains("Cannot connect to 127.0.0.1:" + port() + ": ")
                .contains("(a controller that speaks TLS does that to a client without it: try --tls)");
    }

    @Test
    void aWrongPinIsRefusedBeforeAnythingIsSent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"127.0.0.1", port(), "--tls-fingerprint", "00".repeat(32)},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), Map.of("POXLOG_TOKEN", Tokens.ADMIN));
        assertThat(code).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Cannot connect to 127.0.0.1:" + port())
                .contains("not the pinned 0000");
    }

    @Test
    void aWrongTokenIsRefusedOnceAndEndsWithExitCode3(@TempDir Path dir) throws Exception {
        Path tokenFile = Files.writeString(dir.resolve("token"), "not-the-token-not-the-token\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"localhost", port(), "--tls-ca", cert.certificateFile().toString(),
                "--token-file", tokenFile.toString()}, new ByteArrayInputStream("{\"test\":\"x\"}\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()), Map.of());
        assertThat(code).isEqualTo(TestClient.EXIT_REFUSED);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("\"error\": \"authentication failed: unknown token (failure 1 of 3)\"")
                .contains("Refused: the controller refused the token: authentication failed: unknown token (failure 1 of 3)")
                .doesNotContain("failure 2 of 3");
    }

    @Test
    void aTokenFileThatCannotBeReadIsNamedWithTheReasonInWords(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-token");
        for (String[] c : new String[][] {{missing.toString(), "no such file"}, {dir.toString(), "is a directory"}}) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = TestClient.run(new String[] {"127.0.0.1", port(), "--token-file", c[0]}, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
            assertThat(code).isEqualTo(2);
            assertThat(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse(""))
                    .isEqualTo("test-client: cannot read the token file " + c[0] + ": " + c[1]);
        }
    }

    @Test
    void badTlsOptionsGiveOneLineAndExitCode2() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TestClient.run(new String[] {"127.0.0.1", port(), "--tls-fingerprint", "abc"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("a SHA-256 fingerprint is 64 hex digits (colons allowed), not 'abc'");
    }
}

package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WireClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The access and limit options of bin/controller. */
class ControllerAccessTest {

    @Test
    void tokensApplyFromTheFirstConnectionWhereverMessengerIsNamed(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, Tokens.READ + " read\n");
        // The transport comes first on the command line, yet must never accept anyone unauthenticated.
        ControllerRuntime rt = Controller.start(List.of("messenger.tcp_transport", "--tcp_port=0",
                "messenger", "--tokens=" + tokens, "--max_channels=1", "messenger.example"));
        try (WireClient c = WireClient.connect(rt.listening().get(0))) {
            assertThat(c.welcome().get("auth_required").asBoolean()).isTrue();
            assertThat(c.authenticate(Tokens.READ).get("role").asText()).isEqualTo("read");
            c.sendRaw("{\"cmd\":\"join_channel\",\"channel\":\"a\"}{\"cmd\":\"join_channel\",\"channel\":\"b\"}");
            assertThat(c.next().get("error").asText())
                    .isEqualTo("cannot join 'b': this connection is already in 1 channels, the limit per connection");
        } finally {
            rt.stop();
        }
    }

    @Test
    void aBadTokensFileIsRefusedWithoutQuotingIt(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "abcdefghijklmnopqrstuvwxyz superuser\n");
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--tokens=" + tokens)))
                .isInstanceOf(UsageException.class)
                .hasMessage("messenger: " + tokens + " line 1: unknown role 'superuser'; roles are read and admin")
                .message().doesNotContain("abcdefghij");
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--tokens")))
                .hasMessage("messenger: --tokens needs a file: --tokens=FILE");
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--tokens=" + dir.resolve("missing"))))
                .hasMessageStartingWith("messenger: cannot read the tokens file " + dir.resolve("missing"));
    }

    @Test
    void theActiveTransportsFilesAreNamedAsFilesAndTheirProblemsSaid(@TempDir Path dir) throws Exception {
        String active = "messenger.tcp_transport:active";
        assertThatThrownBy(() -> Controller.start(List.of(active, "--token_file")))
                .hasMessage(active + ": --token_file needs a file: --token_file=FILE");
        assertThatThrownBy(() -> Controller.start(List.of(active, "--tls_ca")))
                .hasMessage(active + ": --tls_ca needs a file: --tls_ca=FILE");
        Path empty = Files.writeString(dir.resolve("token"), "# nothing but a comment\n\n");
        assertThatThrownBy(() -> Controller.start(List.of(active, "--token_file=" + empty)))
                .hasMessage(active + ": the token file " + empty + " holds no token");
    }

    @Test
    void limitsAreCheckedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--max_connections=0")))
                .hasMessage("messenger.tcp_transport: --max_connections must be between 1 and 1000000, not 0");
        assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--handshake_timeout=soon")))
                .hasMessage("messenger.tcp_transport: --handshake_timeout must be a whole number, not 'soon'");
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--max_channels=-1")))
                .hasMessage("messenger: --max_channels must be between 1 and 1000000, not -1");
    }

    @Test
    void tlsOptionsServeTlsAndMustComeTogether() throws Exception {
        try (TestCertificate cert = new TestCertificate()) {
            ControllerRuntime rt = Controller.start(List.of("messenger.tcp_transport", "--tcp_port=0",
                    "--tls_cert=" + cert.certificateFile(), "--tls_key=" + cert.privateKeyFile()));
            try (WireClient c = WireClient.connectTls("localhost", rt.listening().get(0).getPort(), cert.trustingIt())) {
                assertThat(c.welcome().get("auth_required").asBoolean()).isFalse();
            } finally {
                rt.stop();
            }
            assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport",
                    "--tls_cert=" + cert.certificateFile())))
                    .hasMessage("messenger.tcp_transport: TLS needs both --tls_cert=FILE and --tls_key=FILE");
        }
    }

    @Test
    void tlsProtocolsAreTls13OrTls12AndNeedTls() throws Exception {
        try (TestCertificate cert = new TestCertificate()) {
            ControllerRuntime rt = Controller.start(List.of("messenger.tcp_transport", "--tcp_port=0",
                    "--tls_cert=" + cert.certificateFile(), "--tls_key=" + cert.privateKeyFile(),
                    "--tls_protocols=TLSv1.3,TLSv1.2"));
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) cert.trustingIt().getSocketFactory()
                    .createSocket("localhost", rt.listening().get(0).getPort())) {
                s.setEnabledProtocols(new String[] {"TLSv1.2"});
                s.startHandshake();
                assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
            } finally {
                rt.stop();
            }
            assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--tls_cert="
                    + cert.certificateFile(), "--tls_key=" + cert.privateKeyFile(), "--tls_protocols=SSLv3")))
                    .hasMessage("messenger.tcp_transport: TLS protocols must be TLSv1.3, TLSv1.2 or both, not [SSLv3]");
            assertThatThrownBy(() -> Controller.start(List.of("messenger.tcp_transport", "--tls_protocols=TLSv1.2")))
                    .hasMessage("messenger.tcp_transport: --tls_protocols needs --tls_cert and --tls_key");
        }
    }

    @Test
    void aTokensFileOthersCanReadIsWarnedAbout(@TempDir Path dir) throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens"), Tokens.READ + " read\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-r--r--"));
        assertThat(MessengerComponent.permissionWarning(tokens))
                .isEqualTo("The tokens file " + tokens + " is readable by other users (rw-r--r--): anyone on this "
                        + "host can take a token. chmod 600 it.");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        assertThat(MessengerComponent.permissionWarning(tokens)).isNull();
    }
}

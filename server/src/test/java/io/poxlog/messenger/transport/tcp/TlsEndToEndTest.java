package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.WireClient;
import io.poxlog.messenger.transport.netty.ExposureWarning;
import io.poxlog.messenger.transport.netty.ServerTls;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the listening transport, from PEM files, against the JDK's TLS client. */
class TlsEndToEndTest {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("messenger.tcp_transport");
    private static TestCertificate cert;
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        cert = new TestCertificate();
        server = TestServer.tls(cert, null);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        cert.close();
    }

    private static int port() {
        return server.address().getPort();
    }

    @Test
    void aClientTrustingTheCertificateIsWelcomedOverTls() throws Exception {
        try (WireClient c = WireClient.connectTls("localhost", port(), cert.trustingIt())) {
            c.welcome();
            c.send("{\"test\":\"secret\"}");
            assertThat(c.next().get("test").asText()).isEqualTo("SECRET");
        }
    }

    @Test
    void aPlainClientIsClosedWithoutAWordInTheClearAndHarmsNobody() throws Exception {
        try (WireClient tls = WireClient.connectTls("localhost", port(), cert.trustingIt());
             WireClient plain = new WireClient(new InetSocketAddress("127.0.0.1", port()))) {
            tls.welcome();
            plain.send("{\"test\":\"hello\"}");
            plain.awaitClosed();
            tls.send("{\"test\":\"still\"}");
            assertThat(tls.next().get("test").asText()).isEqualTo("STILL");
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateCannotConnect() throws Exception {
        try (TestCertificate other = new TestCertificate()) {
            assertThatThrownBy(() -> WireClient.connectTls("localhost", port(), other.trustingIt()))
                    .isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void unusableFilesAreRefusedNamingThem(@TempDir Path dir) throws Exception {
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a key");
        assertThatThrownBy(() -> ServerTls.fromPem(cert.certificateFile(), junk))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cannot use certificate " + cert.certificateFile() + " with key " + junk);
        assertThatThrownBy(() -> ServerTls.fromPem(dir.resolve("none.pem"), junk))
                .hasMessage("cannot read " + dir.resolve("none.pem"));
    }

    @Test
    void listeningBeyondLoopbackWarnsLoudlyOfWhatIsMissing() {
        InetSocketAddress lan = new InetSocketAddress("10.1.2.3", 7790);
        assertThat(ExposureWarning.check(LOG, lan, null, false, true)).contains("WITHOUT TOKENS").contains("--tokens=FILE");
        assertThat(ExposureWarning.check(LOG, lan, null, true, false)).contains("without TLS").contains("--tls_cert");
        assertThat(ExposureWarning.check(LOG, lan, null, true, true)).isNull();
        assertThat(ExposureWarning.check(LOG, new InetSocketAddress("127.0.0.1", 7790), null, false, false)).isNull();
    }

    @Test
    void aListeningAddressIsShownAsTheOperatorGaveIt() throws Exception {
        InetSocketAddress wildcard = new InetSocketAddress(java.net.InetAddress.getByName("::"), 7790);
        assertThat(wildcard.getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:0");
        assertThat(ExposureWarning.where("0.0.0.0", wildcard)).isEqualTo("0.0.0.0:7790");
        assertThat(ExposureWarning.check(LOG, wildcard, "0.0.0.0", false, false)).contains("listening on 0.0.0.0:7790 WITHOUT");
        assertThat(ExposureWarning.where("::", wildcard)).isEqualTo("[::]:7790");
        assertThat(ExposureWarning.where(null, new InetSocketAddress("10.1.2.3", 7790))).isEqualTo("10.1.2.3:7790");
    }
}

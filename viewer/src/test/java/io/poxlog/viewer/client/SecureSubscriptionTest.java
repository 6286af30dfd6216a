package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.client.LogSubscriptionTest.Collector;
import io.poxlog.viewer.testing.ControllerFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subscriber against a controller that requires a token, TLS, or both. */
class SecureSubscriptionTest {
    private static final SubscriptionOptions FAST_RETRY =
            SubscriptionOptions.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void aReadTokenSubscribesButCannotSetLevels() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(),
                    FAST_RETRY.withToken(Tokens.READ).withSetLevels(Map.of("openflow", "DEBUG")), c).start()) {
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                fx.logger("openflow.of_01").warn("seen by a reader");
                ControllerFixture.await("the record arrives", () -> c.has("seen by a reader"));
                assertThat(c.errors).containsExactly(
                        "changing log levels needs the 'admin' right; this connection has only 'read'");
                assertThat(fx.logger("openflow").getLevel()).isNull();
            }
        }
    }

    @Test
    void withoutATokenItSaysSoInsteadOfJoining() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(), FAST_RETRY, c).start()) {
                ControllerFixture.await("the refusal", () -> s.status().state() == ConnectionState.REFUSED);
                assertThat(s.status().detail()).isEqualTo("a token is required; give it with --token-file or POXLOG_TOKEN");
                assertThat(c.statuses).noneMatch(st -> st.state() == ConnectionState.CONNECTED);
            }
        }
    }

    @Test
    void overTlsWithAPinnedCertificateOrACaFileAndAnAdminToken() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TestCertificate cert = new TestCertificate()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            fx.disconnectAll();
            TcpTransport tls = new TcpTransport(fx.nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS,
                    ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile())).start();
            int port = tls.boundAddress().getPort();
            try {
                Collector pinned = new Collector();
                Collector ca = new Collector();
                SubscriptionOptions admin = FAST_RETRY.withToken(Tokens.ADMIN).withSetLevels(Map.of("tls", "DEBUG"));
                try (LogSubscription a = new LogSubscription("127.0.0.1", port, admin.withTls(ClientTls.pinned(cert.sha256())), pinned).start();
                     LogSubscription b = new LogSubscription("localhost", port, admin.withTls(ClientTls.trustingCa(cert.certificateFile())), ca).start()) {
                    ControllerFixture.await("both connected", () -> a.status().state() == ConnectionState.CONNECTED
                            && b.status().state() == ConnectionState.CONNECTED);
                    assertThat(fx.logger("tls").getLevel()).isEqualTo(Level.DEBUG);
                    fx.logger("tls.x").debug("encrypted");
                    ControllerFixture.await("the record arrives at both", () -> pinned.has("encrypted") && ca.has("encrypted"));
                    assertThat(pinned.errors).isEmpty();
                    assertThat(ca.errors).isEmpty();
                }
            } finally {
                tls.stop();
            }
        }
    }

    @Test
    void aWrongPinNeverConnectsAndSaysWhy() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(); TestCertificate cert = new TestCertificate()) {
            fx.disconnectAll();
            TcpTransport tls = new TcpTransport(fx.nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS,
                    ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile())).start();
            try (LogSubscription s = new LogSubscription("127.0.0.1", tls.boundAddress().getPort(),
                    FAST_RETRY.withTls(ClientTls.pinned("AB".repeat(32))), new Collector()).start()) {
                ControllerFixture.await("a failed attempt", () -> s.status().state() == ConnectionState.RECONNECTING);
                assertThat(s.status().detail()).contains("not the pinned abab");
            } finally {
                tls.stop();
            }
        }
    }

    @Test
    void aBadFingerprintOrCaFileIsRefusedUpFront() {
        assertThatThrownBy(() -> ClientTls.pinned("12:34")).hasMessageContaining("64 hex digits");
        assertThatThrownBy(() -> ClientTls.trustingCa(java.nio.file.Path.of("/nonexistent.pem")))
                .hasMessageStartingWith("cannot read CA certificates from /nonexistent.pem");
        assertThatThrownBy(() -> ClientTls.fromOptions(true, java.nio.file.Path.of("ca.pem"), "ab".repeat(32)))
                .hasMessage("give --tls-ca or --tls-fingerprint, not both");
        assertThat(ClientTls.fromOptions(false, null, null)).isNull();
        assertThat(ClientTls.fromOptions(true, null, null)).hasToString("TLS trusting the system's CAs");
    }
}

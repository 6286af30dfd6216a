package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.testing.TestCertificate;
import io.poxlog.testing.Tokens;
import io.poxlog.viewer.client.LogSubscriptionTest.Collector;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.testing.ControllerFixture;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The viewer's subscription over the WebSocket transport (issue 13, PROTOCOL.md §12), against a
 * real controller's web.webcore and messenger.ws_transport: the same subscription as on TCP,
 * levels, resume, restart, tokens and TLS included.
 */
class WebSocketSubscriptionTest {
    private static final SubscriptionOptions FAST_RETRY =
            SubscriptionOptions.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void subscribesOverWebSocketSetsLevelsAndAnswersGetLevels() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket()) {
            fx.logger("ws.before").warn("logged before the viewer came");
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription(fx.wsEndpoint(),
                    FAST_RETRY.withBacklog(10).withSetLevels(Map.of("openflow", "DEBUG")), c).start()) {
                ControllerFixture.await("levels set", () -> Level.DEBUG.equals(fx.logger("openflow").getLevel()));
                ControllerFixture.await("the backlog arrives", () -> c.has("logged before the viewer came"));
                fx.logger("openflow.of_01").debug("switch up");
                ControllerFixture.await("the record arrives", () -> c.has("switch up"));
                LogEntry e = c.records.get(c.records.size() - 1);
                assertThat(e.source()).isEqualTo(s.source()).isEqualTo("ws://127.0.0.1:" + fx.webPort());
                assertThat(e.levelName()).isEqualTo("DEBUG");
                assertThat(e.logger()).isEqualTo("openflow.of_01");
                assertThat(e.seq()).isPositive();
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                JsonNode levels = s.getLevels().get(5, TimeUnit.SECONDS);
                assertThat(levels.at("/openflow/configured").asText()).isEqualTo("DEBUG");
                assertThat(s.setLevel("openflow", "ERROR").queued()).isTrue();
                ControllerFixture.await("set over WebSocket", () -> Level.ERROR.equals(fx.logger("openflow").getLevel()));
                assertThat(c.errors).isEmpty();
            }
        }
    }

    @Test
    void reconnectsAfterTheTransportStopsAndResumesWithSinceLosingNothing() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket()) {
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription(fx.wsEndpoint(), FAST_RETRY, c).start()) {
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                fx.logger("a").info("before");
                ControllerFixture.await("first record", () -> c.has("before"));
                fx.disconnectAll();
                ControllerFixture.await("it notices", () -> s.status().state() == ConnectionState.RECONNECTING);
                for (int i = 0; i < 30; i++) {
                    fx.logger("a").info("during-{}", i);
                }
                fx.reconnectable();
                fx.logger("a").info("after");
                ControllerFixture.await("the live record after the outage", () -> c.has("after"));
                long[] seqs = c.records.stream().filter(r -> r.message().matches("before|during-\\d+|after"))
                        .mapToLong(LogEntry::seq).toArray();
                assertThat(seqs).hasSize(32);
                for (int i = 1; i < seqs.length; i++) {
                    assertThat(seqs[i]).as("consecutive seqs, nothing twice").isEqualTo(seqs[i - 1] + 1);
                }
                ControllerFixture.await("status reports the recovery",
                        () -> s.status().detail().startsWith("resumed: ") && s.status().detail().contains(" recovered"));
                // The transport said why it closed: a WebSocket close, in words.
                assertThat(c.statuses).anyMatch(st -> st.state() == ConnectionState.RECONNECTING
                        && st.detail().startsWith("connection closed by the controller (WebSocket close 1001"));
            }
        }
    }

    @Test
    void aRestartedControllerIsMarkedAndItsNewRunShownFromItsStart() throws Exception {
        ControllerFixture fx = new ControllerFixture().withWebSocket();
        Collector c = new Collector();
        try (LogSubscription s = new LogSubscription(fx.wsEndpoint(), FAST_RETRY, c).start()) {
            ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
            fx.logger("a").info("old run");
            ControllerFixture.await("the old run's record", () -> c.has("old run"));
            fx = ControllerFixture.restart(fx, f -> f.logger("a").info("new run starting"));
            ControllerFixture fresh = fx;
            ControllerFixture.await("the restart is marked", () -> c.restarts.size() == 1);
            ControllerFixture.await("the new run from its start", () -> c.has("new run starting"));
            fresh.logger("a").info("new run live");
            ControllerFixture.await("live again", () -> c.has("new run live"));
            assertThat(c.restarts.get(0).message()).startsWith("ws://127.0.0.1:" + fx.webPort() + " restarted: a new run of its log");
            List<String> m = c.messages();
            assertThat(m.indexOf("old run")).isLessThan(m.indexOf(c.restarts.get(0).message()));
            assertThat(m.indexOf(c.restarts.get(0).message())).isLessThan(m.indexOf("new run starting"));
        } finally {
            fx.close();
        }
    }

    @Test
    void theTokenGoesInTheFirstMessageAndARefusedOneIsFinal() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket()) {
            fx.nexus.setAccessTokens(Tokens.BOTH);
            Collector ok = new Collector();
            Collector wrong = new Collector();
            try (LogSubscription admin = new LogSubscription(fx.wsEndpoint(), FAST_RETRY
                    .withClient(FAST_RETRY.client().withToken(Tokens.ADMIN)).withSetLevels(Map.of("web", "WARNING")), ok).start();
                 LogSubscription refused = new LogSubscription(fx.wsEndpoint(), FAST_RETRY
                         .withClient(FAST_RETRY.client().withToken("not-the-token-not-the-token")), wrong).start()) {
                ControllerFixture.await("the admin token sets levels", () -> Level.WARN.equals(fx.logger("web").getLevel()));
                fx.logger("a").info("for the admin");
                ControllerFixture.await("records come", () -> ok.has("for the admin"));
                ControllerFixture.await("the wrong token is refused", () -> refused.status().state() == ConnectionState.REFUSED);
                assertThat(refused.status().detail()).startsWith("the controller refused the token: authentication failed");
            }
        }
    }

    @Test
    void wssTrustsAPinnedCertificateOrACaFileWithTheHostNameChecked() throws Exception {
        try (TestCertificate cert = new TestCertificate();
             ControllerFixture fx = new ControllerFixture().withWebSocket(ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile()))) {
            String url = fx.wsUrl();
            assertThat(url).startsWith("wss://127.0.0.1:");
            Collector pinned = new Collector();
            Collector ca = new Collector();
            Collector wrongHost = new Collector();
            Collector wrongPin = new Collector();
            ClientOptions o = FAST_RETRY.client();
            Endpoint localhost = Endpoint.parse(url.replace("127.0.0.1", "localhost"));
            try (LogSubscription a = new LogSubscription(fx.wsEndpoint(),
                    FAST_RETRY.withClient(o.withTls(ClientTls.pinned(cert.sha256()))), pinned).start();
                 LogSubscription b = new LogSubscription(localhost,
                         FAST_RETRY.withClient(o.withTls(ClientTls.trustingCa(cert.certificateFile()))), ca).start();
                 LogSubscription d = new LogSubscription(fx.wsEndpoint(),
                         FAST_RETRY.withClient(o.withTls(ClientTls.trustingCa(cert.certificateFile()))), wrongHost).start();
                 LogSubscription e = new LogSubscription(fx.wsEndpoint(),
                         FAST_RETRY.withClient(o.withTls(ClientTls.pinned("00".repeat(32)))), wrongPin).start()) {
                ControllerFixture.await("both trusted ones connect", () -> a.status().state() == ConnectionState.CONNECTED
                        && b.status().state() == ConnectionState.CONNECTED);
                fx.logger("a").info("over TLS");
                ControllerFixture.await("records over wss", () -> pinned.has("over TLS") && ca.has("over TLS"));
                // The certificate names localhost only: through 127.0.0.1 the check of the name fails.
                ControllerFixture.await("the wrong host name fails", () -> d.status().state() == ConnectionState.RECONNECTING);
                assertThat(d.status().detail()).isEqualTo("TLS: No subject alternative names present");
                ControllerFixture.await("the wrong pin fails", () -> e.status().state() == ConnectionState.RECONNECTING);
                assertThat(e.status().detail()).startsWith("TLS: ").contains("not the pinned 0000");
                assertThat(wrongHost.records).isEmpty();
                assertThat(wrongPin.records).isEmpty();
            }
        }
    }

    @Test
    void aRefusedUpgradeSaysWhyAndWsWithTlsAskedForIsRefusedAtOnce() throws Exception {
        try (ControllerFixture fx = new ControllerFixture().withWebSocket()) {
            Collector c = new Collector();
            Endpoint elsewhere = Endpoint.parse("ws://127.0.0.1:" + fx.webPort() + "/_webmsg/nothing");
            try (LogSubscription s = new LogSubscription(elsewhere, FAST_RETRY, c).start()) {
                ControllerFixture.await("the refusal is said", () -> s.status().state() == ConnectionState.RECONNECTING);
                assertThat(s.status().detail()).isEqualTo("the WebSocket upgrade to ws://127.0.0.1:" + fx.webPort()
                        + "/_webmsg/nothing was refused: HTTP 404 (nothing at /_webmsg/nothing: is messenger.ws_transport loaded?)");
                assertThat(s.source()).isEqualTo("ws://127.0.0.1:" + fx.webPort() + "/_webmsg/nothing");
            }
            assertThatThrownBy(() -> new LogSubscription(fx.wsEndpoint(),
                    FAST_RETRY.withClient(FAST_RETRY.client().withTls(ClientTls.systemTrust())), c))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ws:// is without it: use wss://");
        }
    }

    @Test
    void urlsAreParsedWithTheUsualDefaultsAndATokenInOneIsRefused() {
        assertThat(Endpoint.parse("ws://c1:8000/_webmsg/ws")).satisfies(e -> {
            assertThat(e.webSocket()).isTrue();
            assertThat(e.secure()).isFalse();
            assertThat(e.source()).isEqualTo("ws://c1:8000");
            assertThat(e.uri().toString()).isEqualTo("ws://c1:8000/_webmsg/ws");
        });
        assertThat(Endpoint.parse("wss://c1").uri().toString()).isEqualTo("wss://c1:443/_webmsg/ws");
        assertThat(Endpoint.parse("ws://c1").uri().toString()).isEqualTo("ws://c1:80/_webmsg/ws");
        assertThat(Endpoint.parse("ws://[::1]:8000/x").source()).isEqualTo("ws://[::1]:8000/x");
        assertThat(Endpoint.parse("c1:7790").source()).isEqualTo("c1:7790");
        assertThatThrownBy(() -> Endpoint.parse("ws://c1:8000/_webmsg/ws?token=abc"))
                .hasMessageContaining("a token never goes in a URL");
        assertThatThrownBy(() -> Endpoint.parse("ws://alice:secret@c1:8000/")).hasMessageContaining("a token never goes in a URL");
        assertThatThrownBy(() -> Endpoint.parse("http://c1:8000/")).hasMessageContaining("must be ws:// or wss://");
        assertThatThrownBy(() -> Endpoint.parse("ws://c1:70000/")).hasMessageContaining("1-65535");
    }
}

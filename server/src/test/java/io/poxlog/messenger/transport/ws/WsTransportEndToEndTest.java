package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WsClient;
import io.poxlog.web.WebSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What is the WebSocket transport's own (PROTOCOL.md §12), with the JDK's own WebSocket client: the
 * upgrade, Origin, pings, close codes. The services over it are tested with every other transport's
 * in {@code io.poxlog.suite}.
 */
class WsTransportEndToEndTest {

    @Test
    void theFirstFrameIsTheWelcomeWithTheKeysATcpWelcomeHas() throws Exception {
        try (WsFixture fx = new WsFixture(); WsClient c = WsClient.connect(fx.uri(), Map.of())) {
            JsonNode w = c.next();
            assertThat(w.get("cmd").asText()).isEqualTo("welcome");
            assertThat(w.get("CHANNEL").asText()).isEmpty();
            assertThat(w.get("session_id").asText()).hasSizeGreaterThanOrEqualTo(22);
            assertThat(w.get("server").asText()).isEqualTo("poxlog");
            assertThat(w.get("auth_required").asBoolean()).isFalse();
            assertThat(w.has("log_id")).isTrue();
        }
    }

    @Test
    void withTokensTheFirstMessageAuthenticatesAndTheRolesAreTcps() throws Exception {
        try (WsFixture fx = new WsFixture(WsSettings.DEFAULTS, WebSettings.DEFAULTS, Tokens.BOTH)) {
            try (WsClient c = WsClient.connect(fx.uri(), Map.of())) {
                assertThat(c.welcome().get("auth_required").asBoolean()).isTrue();
                c.send("{\"CHANNEL\":\"upper\",\"msg\":\"x\"}");
                assertThat(c.next().get("error").asText()).startsWith("authentication required");
                JsonNode ok = c.authenticate(Tokens.READ);
                assertThat(ok.get("cmd").asText()).isEqualTo("authenticated");
                assertThat(ok.get("role").asText()).isEqualTo("read");
                c.send("{\"CHANNEL\":\"upper\",\"msg\":\"x\"}");
                assertThat(c.next().get("msg").asText()).isEqualTo("X");
                c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"x\":\"DEBUG\"}}");
                assertThat(c.next(m -> m.has("error")).get("error").asText()).contains("needs the 'admin' right");
            }
            try (WsClient admin = WsClient.connect(fx.uri(), Map.of())) {
                admin.welcome();
                assertThat(admin.authenticate(Tokens.ADMIN).get("role").asText()).isEqualTo("admin");
                admin.send("{\"CHANNEL\":\"log\",\"XID\":3,\"setLevels\":{\"ws.admin\":\"ERROR\"}}");
                io.poxlog.testing.Await.until("the admin's setLevels is applied",
                        () -> "ERROR".equals(String.valueOf(fx.logger("ws.admin").getLevel())));
            }
            try (WsClient wrong = WsClient.connect(fx.uri(), Map.of())) {
                wrong.welcome();
                for (int i = 0; i < 3; i++) {
                    wrong.send("{\"CHANNEL\":\"\",\"cmd\":\"auth\",\"token\":\"not-a-token-0123456789\"}");
                }
                assertThat(wrong.awaitClose()).isEqualTo(1008);
            }
        }
    }

    @Test
    void anUpgradeFromAnotherSiteIsRefusedAndOneFromTheServersOwnOrAnAllowedOriginAccepted() throws Exception {
        try (WsFixture fx = new WsFixture(WsSettings.DEFAULTS,
                WebSettings.DEFAULTS.withAllowedOrigins(List.of("https://ops.example")), null)) {
            assertThatThrownBy(() -> WsClient.connect(fx.uri(), Map.of("Origin", "http://evil.example")))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
            for (String ok : List.of(fx.origin(), "https://ops.example")) {
                try (WsClient c = WsClient.connect(fx.uri(), Map.of("Origin", ok))) {
                    assertThat(c.welcome().get("cmd").asText()).isEqualTo("welcome");
                }
            }
        }
    }

    @Test
    void aGetWithoutAnUpgradeIs426AndATokenInTheUrl400() throws Exception {
        try (WsFixture fx = new WsFixture()) {
            HttpClient http = HttpClient.newHttpClient();
            URI plain = URI.create("http://127.0.0.1:" + fx.web.boundAddress().getPort() + WsTransport.PATH);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(426);
            assertThat(r.headers().firstValue("Upgrade")).hasValue("websocket");
            assertThat(r.body()).contains("needs an upgrade");
            assertThatThrownBy(() -> WsClient.connect(URI.create(fx.uri() + "?token=" + Tokens.READ), Map.of()))
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(400));
        }
    }

    @Test
    void theServerPingsAndTheJdkClientsPongsKeepItOpen() throws Exception {
        try (WsFixture fx = new WsFixture(WsSettings.DEFAULTS.withPingInterval(Duration.ofMillis(200)),
                WebSettings.DEFAULTS, null); WsClient c = fx.subscriber("")) {
            io.poxlog.testing.Await.until("three pings arrive", () -> c.pings() >= 3);
            c.send("{\"test\":\"still\"}");
            assertThat(c.next(m -> m.has("test")).get("test").asText()).isEqualTo("STILL");
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void aBearerTokenOnTheUpgradeGivesItsRoleBeforeTheWelcome() throws Exception {
        try (WsFixture fx = new WsFixture(WsSettings.DEFAULTS, WebSettings.DEFAULTS, Tokens.BOTH);
             WsClient reader = WsClient.connect(fx.uri(), Map.of("Authorization", "Bearer " + Tokens.READ));
             WsClient admin = WsClient.connect(fx.uri(), Map.of("Authorization", "bearer  " + Tokens.ADMIN))) {
            assertThat(reader.welcome().get("auth_required").asBoolean()).isTrue();
            assertThat(reader.next().toString()).isEqualTo("{\"CHANNEL\":\"\",\"cmd\":\"authenticated\",\"role\":\"read\"}");
            reader.send("{\"CHANNEL\":\"upper\",\"msg\":\"no auth message\"}");
            assertThat(reader.next().get("msg").asText()).isEqualTo("NO AUTH MESSAGE");
            reader.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"x\":\"DEBUG\"}}");
            assertThat(reader.next().get("error").asText()).contains("needs the 'admin' right; this connection has only 'read'");

            admin.welcome();
            assertThat(admin.next().get("role").asText()).isEqualTo("admin");
            admin.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"ws.bearer\":\"ERROR\"}}");
            io.poxlog.testing.Await.until("the admin's setLevels is applied",
                    () -> "ERROR".equals(String.valueOf(fx.logger("ws.bearer").getLevel())));
        }
    }

    @Test
    void aRefusedBearerTokenIs401WithoutAnUpgradeAndCountsAsAWrongToken() throws Exception {
        try (WsFixture fx = new WsFixture(WsSettings.DEFAULTS, WebSettings.DEFAULTS, Tokens.BOTH)) {
            assertThatThrownBy(() -> WsClient.connect(fx.uri(), Map.of("Authorization", "Bearer not-a-token-0123456789")))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> {
                        HttpResponse<?> r = ((WebSocketHandshakeException) e).getResponse();
                        assertThat(r.statusCode()).isEqualTo(401);
                        assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
                    });
            // Raw, to read the whole answer: JSON in an auth message's words, and no upgrade.
            String first = rawUpgrade(fx, "Bearer " + "x".repeat(20));
            assertThat(first).startsWith("HTTP/1.1 401 ").contains("WWW-Authenticate: Bearer")
                    .doesNotContain("Upgrade: websocket")
                    .endsWith("{\"error\":\"authentication failed: unknown token; no WebSocket was opened\"}");
            for (int i = 2; i < 5; i++) {
                assertThat(rawUpgrade(fx, "Bearer " + "x".repeat(20))).startsWith("HTTP/1.1 401 ");
            }
            // Five wrong tokens from one address: even a right one waits now, as after five wrong auth messages.
            assertThat(rawUpgrade(fx, "Bearer " + Tokens.READ)).startsWith("HTTP/1.1 401 ")
                    .contains("authentication refused without checking the token: too many wrong tokens from 127.0.0.1");
            assertThat(fx.ws.openConnections()).isZero();
        }
    }

    @Test
    void anotherSchemeThanBearerIsNotATokenAndTheFirstMessageAuthenticates() throws Exception {
        try (WsFixture fx = new WsFixture(WsSettings.DEFAULTS, WebSettings.DEFAULTS, Tokens.BOTH);
             WsClient c = WsClient.connect(fx.uri(), Map.of("Authorization", "Basic dXNlcjpwYXNz"))) {
            assertThat(c.welcome().get("auth_required").asBoolean()).isTrue();
            assertThat(c.authenticate(Tokens.READ).get("role").asText()).isEqualTo("read");
        }
    }

    /** An upgrade request with {@code authorization}, on a raw socket; the whole answer, once the server closes. */
    private static String rawUpgrade(WsFixture fx, String authorization) throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", fx.web.boundAddress().getPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write(("GET " + WsTransport.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Authorization: " + authorization + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBearerTokenWithoutTokensConfiguredChangesNothing() throws Exception {
        try (WsFixture fx = new WsFixture(); WsClient c = WsClient.connect(fx.uri(), Map.of("Authorization", "Bearer anything"))) {
            assertThat(c.welcome().get("auth_required").asBoolean()).isFalse();
            c.send("{\"test\":\"x\"}");
            assertThat(c.next().get("test").asText()).as("no authenticated message: nothing was asked").isEqualTo("X");
        }
    }

    @Test
    void stoppingClosesEveryWebSocketWith1001EvenWhenTheWebServerStopsRightAfter() throws Exception {
        // As the controller stops: the transport, then web.webcore, which closes every socket.
        WsFixture fx = new WsFixture();
        try (WsClient a = fx.client(); WsClient b = fx.client()) {
            fx.ws.stop();
            fx.web.stop();
            assertThat(a.awaitClose()).isEqualTo(1001);
            assertThat(b.awaitClose()).isEqualTo(1001);
        } finally {
            fx.close();
        }
    }

    @Test
    void aNewTransportMountedAfterStopOnTheSameServerAndNexusServesWebSockets() throws Exception {
        try (WsFixture fx = new WsFixture()) {
            try (WsClient before = fx.client()) {
                fx.ws.stop();
                assertThat(before.awaitClose()).isEqualTo(1001);
            }
            WsTransport again = new WsTransport(fx.nexus, WsSettings.DEFAULTS).mountOn(fx.web);
            try (WsClient c = fx.client()) {
                String ch = WsFixture.subscribe(c, "");
                c.send("{\"test\":\"again\"}");
                assertThat(c.next(m -> m.has("test")).get("test").asText()).isEqualTo("AGAIN");
                fx.logger("ws.again").info("after the remount");
                assertThat(c.next(m -> m.path("message").asText().equals("after the remount")).path("CHANNEL").asText())
                        .isEqualTo(ch);
                assertThat(c.isClosed()).isFalse();
                assertThat(again.openConnections()).isEqualTo(1);
            } finally {
                again.stop();
            }
        }
    }
}

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
}

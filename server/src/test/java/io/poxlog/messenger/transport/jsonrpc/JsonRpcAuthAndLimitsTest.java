package io.poxlog.messenger.transport.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.JsonRpcClient;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WebMessengerFixture;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * JSON-RPC sessions authenticate and are bounded as TCP connections (PROTOCOL.md §9.3, §11.3):
 * Basic with realm JSONRPC, a Bearer token on {@code new!}, the message rate, the session limits,
 * and the log service's gap notice for a session that stops polling, while another client is
 * served and the canary logs.
 */
class JsonRpcAuthAndLimitsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NEW = "{\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}";

    @Test
    void basicAuthenticationHasRealmJsonrpc() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(JsonRpcSettings.DEFAULTS.withBasic("user", "Pass"), null)) {
            HttpResponse<String> none = JsonRpcClient.post(fx.jsonRpcEndpoint(), NEW);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"JSONRPC\"");
            assertThat(fx.jsonrpc.openSessions()).isZero();
            String right = "Basic " + Base64.getEncoder().encodeToString("user:Pass".getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> ok = JsonRpcClient.post(fx.jsonRpcEndpoint(), Map.of("Authorization", right), NEW,
                    Duration.ofSeconds(30));
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(MAPPER.readTree(ok.body()).get("result").has("session")).isTrue();
        }
    }

    @Test
    void aBearerTokenOnNewAuthenticatesTheSessionAndAWrongOneMakesNone() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(JsonRpcSettings.DEFAULTS, Tokens.BOTH)) {
            HttpResponse<String> wrong = JsonRpcClient.post(fx.jsonRpcEndpoint(), Map.of("Authorization", "Bearer nope"),
                    NEW, Duration.ofSeconds(30));
            JsonNode error = MAPPER.readTree(wrong.body()).get("error");
            assertThat(error.get("code").asInt()).isEqualTo(JsonRpcMethods.AUTH_FAILED);
            Await.until("no session left", () -> fx.jsonrpc.openSessions() == 0);
            try (JsonRpcClient c = JsonRpcClient.connect(fx.jsonRpcEndpoint(), Map.of("Authorization", "Bearer " + Tokens.ADMIN))) {
                assertThat(c.welcome().get("auth_required").asBoolean()).isTrue();
                assertThat(c.next().get("role").asText()).isEqualTo("admin");
                c.send("{\"CHANNEL\":\"upper\",\"msg\":\"in\"}");
                assertThat(c.next().get("msg").asText()).isEqualTo("IN");
            }
        }
    }

    @Test
    void aSessionFloodingPastItsRateIsClosedAndSessionsPerAddressAreBounded() throws Exception {
        JsonRpcSettings s = JsonRpcSettings.DEFAULTS.withSessions(JsonRpcSettings.DEFAULTS.sessions().withLimits(
                JsonRpcSettings.DEFAULTS.sessions().limits().withMessageRate(10, 20).withMaxConnectionsPerAddress(3)));
        try (WebMessengerFixture fx = new WebMessengerFixture(s, null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             JsonRpcClient flooder = fx.jsonRpcClient();
             JsonRpcClient other = fx.jsonRpcClient()) {
            StringBuilder msgs = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                msgs.append(i == 0 ? "" : ",").append("{\"CHANNEL\":\"upper\",\"msg\":\"f").append(i).append("\"}");
            }
            flooder.send("[" + msgs + "]");
            assertThat(flooder.next(m -> m.has("error")).get("error").asText()).contains("more than 10 messages per second");
            assertThat(flooder.next(m -> m.has("error")).get("error").asText()).contains("closing the session");
            Await.until("the flooder's session closes", () -> fx.jsonrpc.openSessions() == 1);
            try (JsonRpcClient second = fx.jsonRpcClient()) { // 2 of 3 open now
                assertThat(MAPPER.readTree(JsonRpcClient.post(fx.jsonRpcEndpoint(), NEW).body()).get("result").has("session"))
                        .isTrue(); // the third
                JsonNode refused = MAPPER.readTree(JsonRpcClient.post(fx.jsonRpcEndpoint(), NEW).body());
                assertThat(refused.get("error").get("message").asText())
                        .contains("3 sessions are open from 127.0.0.1, the limit for one address");
            }
            other.send("{\"CHANNEL\":\"upper\",\"msg\":\"fine\"}");
            assertThat(other.next().get("msg").asText()).isEqualTo("FINE");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aSubscriberThatStopsPollingIsDroppedForItselfAndToldByAGapNotice() throws Exception {
        HttpSessionSettings small = JsonRpcSettings.DEFAULTS.sessions().withOutput(256 * 1024, 8 * 1024 * 1024);
        try (WebMessengerFixture fx = new WebMessengerFixture(JsonRpcSettings.DEFAULTS.withSessions(small), null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             JsonRpcClient other = fx.jsonRpcClient();
             JsonRpcClient stalled = JsonRpcClient.connect(fx.jsonRpcEndpoint(), Map.of(), false)) {
            WebMessengerFixture.subscribe(other::send, other::next, "\"subsystems\":[\"flood\",\"test.settle\"]");
            stalled.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + WebMessengerFixture.channel()
                    + "\",\"json\":true,\"subsystems\":[\"flood\"]}");
            String message = "z".repeat(10_000);
            int got = 0;
            for (int i = 0; i < 3000; i++) {
                fx.logger("flood").info(i + " " + message);
                if (i % 4 == 3) {
                    while (got <= i) {
                        JsonNode m = other.next(n -> n.has("gap") || "flood".equals(n.path("name").asText()));
                        assertThat(m.has("gap")).as("a gap notice for the subscriber that reads: " + m).isFalse();
                        assertThat(m.get("message").asText()).startsWith(got + " ");
                        got++;
                    }
                }
            }
            stalled.resume();
            assertThat(stalled.next(m -> m.has("gap")).get("dropped").asLong()).isPositive();
            assertThat(fx.jsonrpc.openSessions()).isEqualTo(2);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }
}

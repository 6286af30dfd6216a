package io.poxlog.messenger.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.testing.Canary;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.JsonRpcClient;
import io.poxlog.testing.LongPollClient;
import io.poxlog.testing.WebMessengerFixture;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's attacker: a page of another site that makes the operator's browser send requests to
 * the controller (CSRF). Its simple requests (a {@code text/plain} POST, which needs no CORS
 * preflight) carry its {@code Origin}, or, without one, {@code Sec-Fetch-Site: cross-site}; with
 * either, it may neither make a session nor send into one it learnt the key of (POX delivers
 * both), on comet and on JSON-RPC alike; nor may a page whose name was rebound to the
 * controller's address (refused by its {@code Host}); a URL naming a token is refused. The victim's session
 * receives nothing of it, and a log subscriber on TCP (the {@link Canary}) is served throughout.
 */
class CrossSiteRequestAttackTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EVIL = "http://evil.example";
    private WebMessengerFixture fx;
    private Canary canary;

    @BeforeEach
    void start() throws Exception {
        fx = new WebMessengerFixture();
        canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
    }

    @AfterEach
    void stop() throws Exception {
        canary.close();
        fx.close();
    }

    /** The browser's simple POST, from another site: {@code from} is its Origin or Sec-Fetch-Site header. */
    private static HttpResponse<String> simplePost(URI uri, Map<String, String> from, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "text/plain;charset=UTF-8").POST(HttpRequest.BodyPublishers.ofString(body));
        from.forEach(b::header);
        return CometClient.HTTP_FOR_TESTS.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertRefused(HttpResponse<String> r, String words) throws Exception {
        assertThat(r.statusCode()).as(r.uri() + " " + r.body()).isEqualTo(403);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(MAPPER.readTree(r.body()).get("error").asText()).contains(words);
    }

    /** What the victim received up to the answer to a message of its own: nothing of the attacker's. */
    private static List<String> receivedUpToItsOwn(LongPollClient victim) throws Exception {
        victim.send("{\"CHANNEL\":\"upper\",\"msg\":\"mine\"}");
        List<String> got = new ArrayList<>();
        for (JsonNode m = victim.next(); ; m = victim.next()) {
            got.add(m.path("msg").asText());
            if ("MINE".equals(m.path("msg").asText())) {
                return got;
            }
        }
    }

    @Test
    void anotherSitesPageCanNeitherMakeNorUseACometSession() throws Exception {
        List<Map<String, String>> sites = List.of(Map.of("Origin", EVIL), Map.of("Origin", "null"),
                Map.of("Sec-Fetch-Site", "cross-site"), Map.of("Sec-Fetch-Site", "same-site"));
        try (CometClient victim = fx.cometClient()) {
            for (Map<String, String> site : sites) {
                String words = site.containsKey("Origin") ? "may not change anything here" : "from another site";
                assertRefused(simplePost(fx.cometBase().resolve("new"), site,
                        "{\"seq\":100,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"csrf\"}]}"), words);
                // a key it learnt, sent in the header the page may not set without a preflight, or in the path
                assertRefused(simplePost(fx.cometBase().resolve(victim.key()), site,
                        "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"csrf\"}]}"), words);
            }
            assertThat(fx.comet.openSessions()).as("the victim's only").isEqualTo(1);
            assertThat(receivedUpToItsOwn(victim)).containsExactly("MINE");
            assertThat(victim.problems()).isEmpty();
        }
        canary.assertAlive(Canary.MAX_SILENCE);
    }

    @Test
    void anotherSitesPageCanNeitherMakeNorUseAJsonRpcSession() throws Exception {
        List<Map<String, String>> sites = List.of(Map.of("Origin", EVIL), Map.of("Origin", "null"),
                Map.of("Sec-Fetch-Site", "cross-site"));
        try (JsonRpcClient victim = fx.jsonRpcClient()) {
            for (Map<String, String> site : sites) {
                String words = site.containsKey("Origin") ? "may not change anything here" : "from another site";
                assertRefused(simplePost(fx.jsonRpcEndpoint(), site,
                        "{\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}"), words);
                assertRefused(simplePost(fx.jsonRpcEndpoint(), site, "{\"method\":\"send\",\"id\":2,\"params\":[\""
                        + victim.key() + "\",{\"CHANNEL\":\"upper\",\"msg\":\"csrf\"}]}"), words);
                assertRefused(simplePost(fx.jsonRpcEndpoint(), site, "{\"method\":\"stop\",\"id\":3,\"params\":[\""
                        + victim.key() + "\"]}"), words);
            }
            assertThat(fx.jsonrpc.openSessions()).as("the victim's only, not stopped").isEqualTo(1);
            assertThat(receivedUpToItsOwn(victim)).containsExactly("MINE");
        }
        canary.assertAlive(Canary.MAX_SILENCE);
    }

    /**
     * DNS rebinding: a page whose own name now leads here is, to the browser, of the same origin as
     * the controller (its {@code Origin} is its {@code Host}), so only the {@code Host} check stops it.
     */
    @Test
    void aRebindingPageIsRefusedBeforeAnyTransportSeesIt() throws Exception {
        int port = fx.web.boundAddress().getPort();
        String host = "evil.example:" + port;
        Map<String, String> bodies = Map.of("/_webmsg/new", "{\"seq\":100,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"csrf\"}]}",
                "/_jrpcmsg/", "{\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}");
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            try (Socket s = new Socket()) {
                s.connect(fx.web.boundAddress(), 5000);
                s.setSoTimeout(20_000);
                byte[] body = e.getValue().getBytes(StandardCharsets.UTF_8);
                s.getOutputStream().write(("POST " + e.getKey() + " HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host
                        + "\r\nContent-Type: text/plain;charset=UTF-8\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().write(body);
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(answer).as(e.getKey()).startsWith("HTTP/1.1 421 ")
                        .contains("Host '" + host + "' is not a name this server answers to");
            }
        }
        assertThat(fx.comet.openSessions()).isZero();
        assertThat(fx.jsonrpc.openSessions()).isZero();
        canary.assertAlive(Canary.MAX_SILENCE);
    }

    @Test
    void aTokenInAUrlIsRefusedOnBothTransports() throws Exception {
        for (URI uri : List.of(fx.cometBase().resolve("new?token=abc"), URI.create(fx.jsonRpcEndpoint() + "?token=abc"))) {
            HttpResponse<String> r = CometClient.HTTP_FOR_TESTS.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(uri.getPath().startsWith("/_webmsg")
                            ? "{\"seq\":100,\"data\":null}" : "{\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(uri.toString()).isEqualTo(400);
            assertThat(MAPPER.readTree(r.body()).get("error").asText()).contains("a token is never taken from a URL");
        }
        assertThat(fx.comet.openSessions()).isZero();
        assertThat(fx.jsonrpc.openSessions()).isZero();
        canary.assertAlive(Canary.MAX_SILENCE);
    }
}

package io.poxlog.messenger.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CORS (PROTOCOL.md §9.2), granted by web.webcore to {@code --allowed_origins} alone, for every
 * handler: a page of an allowed origin may use comet and JSON-RPC from its browser (preflights
 * granted, answers naming its origin); a page of any other origin is refused its preflight and
 * gets no CORS header on any answer; the server's own pages need none and get none. Never {@code *}.
 */
class CrossOriginTest {
    private static final String ALLOWED = "http://ops.example:9000";
    private static final String OTHER = "http://evil.example";
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private WebMessengerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new WebMessengerFixture(CometSettings.DEFAULTS, JsonRpcSettings.DEFAULTS,
                WebSettings.DEFAULTS.withAllowedOrigins(List.of(ALLOWED)), null);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private HttpResponse<String> preflight(String path, String origin, String method, String headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.uri(path)).timeout(Duration.ofSeconds(20))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin).header("Access-Control-Request-Method", method);
        if (headers != null) {
            b.header("Access-Control-Request-Headers", headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.uri(path)).timeout(Duration.ofSeconds(40))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(fx.uri(path)).timeout(Duration.ofSeconds(40));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoCors(HttpResponse<String> r) {
        assertThat(r.headers().map().keySet()).as("CORS headers of " + r.uri())
                .noneMatch(h -> h.toLowerCase().startsWith("access-control-"));
    }

    private static void assertCorsFor(HttpHeaders h, String origin) {
        assertThat(h.allValues("Access-Control-Allow-Origin")).containsExactly(origin);
        assertThat(h.firstValue("Vary")).hasValue("Origin");
    }

    @Test
    void anAllowedOriginsPreflightsAreGrantedForBothTransports() throws Exception {
        for (String path : List.of("/_jrpcmsg/", "/_webmsg/new", "/_webmsg/abc")) {
            HttpResponse<String> r = preflight(path, ALLOWED, "POST", "content-type, x-pox-messenger-session-key");
            assertThat(r.statusCode()).as(path).isEqualTo(204);
            assertThat(r.body()).isEmpty();
            assertThat(r.headers().firstValue("Content-Length")).as("a 204 says no length").isEmpty();
            assertCorsFor(r.headers(), ALLOWED);
            assertThat(r.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, POST");
            assertThat(r.headers().firstValue("Access-Control-Allow-Headers"))
                    .hasValue("Content-Type, Authorization, X-POX-Messenger-Session-Key, X-POX-Messenger-Sequence-Number");
            assertThat(r.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
        }
        assertThat(fx.comet.openSessions()).as("a preflight makes nothing").isZero();
        assertThat(fx.jsonrpc.openSessions()).isZero();
    }

    @Test
    void anyOtherOriginsPreflightIsRefusedWithoutCorsHeaders() throws Exception {
        for (String origin : List.of(OTHER, "null", "http://ops.example:9001", "https://ops.example:9000",
                fx.origin())) {
            HttpResponse<String> r = preflight("/_jrpcmsg/", origin, "POST", "content-type");
            assertThat(r.statusCode()).as(origin).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(MAPPER.readTree(r.body()).get("error").asText()).isEqualTo("Origin '" + origin
                    + "' is not one of this server's --allowed_origins: its pages may not send requests here");
            assertNoCors(r);
        }
        assertNoCors(preflight("/_webmsg/new", OTHER, "GET", null));
        // an OPTIONS that is not a preflight goes to its handler, as before
        HttpResponse<String> plain = HTTP.send(HttpRequest.newBuilder(fx.uri("/_webmsg/new"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(405);
        assertNoCors(plain);
    }

    @Test
    void withoutAllowedOriginsEveryPreflightIsRefused() throws Exception {
        try (WebMessengerFixture plain = new WebMessengerFixture()) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(plain.uri("/_jrpcmsg/"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ALLOWED).header("Access-Control-Request-Method", "POST").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("is not one of this server's --allowed_origins (there are none)");
            assertNoCors(r);
        }
    }

    @Test
    void jsonRpcsAnswersToAnAllowedOriginNameIt() throws Exception {
        HttpResponse<String> r = post("/_jrpcmsg/", Map.of("Origin", ALLOWED, "Content-Type", "application/json"),
                "{\"method\":\"poll\",\"params\":[\"new!\",0],\"id\":1}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(r.body()).at("/result/messages/0/cmd").asText()).isEqualTo("welcome");
        assertCorsFor(r.headers(), ALLOWED);
        // refusals too, so that the page can read why
        HttpResponse<String> get = get("/_jrpcmsg/", Map.of("Origin", ALLOWED));
        assertThat(get.statusCode()).isEqualTo(405);
        assertCorsFor(get.headers(), ALLOWED);
    }

    @Test
    void cometsAnswersToAnAllowedOriginNameItAndShowItsNumber() throws Exception {
        Map<String, String> page = Map.of("Origin", ALLOWED, "Content-Type", "text/plain;charset=UTF-8");
        HttpResponse<String> made = post("/_webmsg/new", page, "{\"seq\":100,\"data\":null}");
        assertThat(made.statusCode()).isEqualTo(200);
        assertCorsFor(made.headers(), ALLOWED);
        assertThat(made.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-POX-Messenger-Sequence-Number");
        String key = MAPPER.readTree(made.body()).get("ses").asText();
        HttpResponse<String> welcome = get("/_webmsg/" + key, Map.of("Origin", ALLOWED));
        assertThat(MAPPER.readTree(welcome.body()).at("/data/0/cmd").asText()).isEqualTo("welcome");
        assertThat(welcome.headers().firstValue("X-POX-Messenger-Sequence-Number")).hasValue("0");
        assertCorsFor(welcome.headers(), ALLOWED);
        assertThat(welcome.headers().firstValue("Access-Control-Expose-Headers")).hasValue("X-POX-Messenger-Sequence-Number");
    }

    @Test
    void theServersOwnPagesAndOtherOriginsGetNoCorsHeaders() throws Exception {
        for (Map<String, String> headers : List.of(Map.<String, String>of(), Map.of("Origin", fx.origin()),
                Map.of("Origin", OTHER))) {
            HttpResponse<String> rpc = post("/_jrpcmsg/", withJson(headers),
                    "{\"method\":\"poll\",\"params\":[\"new!\",0],\"id\":1}");
            assertNoCors(rpc);
            HttpResponse<String> comet = post("/_webmsg/new", withJson(headers), "{\"seq\":100,\"data\":null}");
            assertNoCors(comet);
            assertNoCors(get("/_webmsg/nosuchsession", headers));
            assertNoCors(get("/nothing/here", headers));
        }
        assertThat(fx.jsonrpc.openSessions()).as("the own page's and the one without Origin").isEqualTo(2);
        assertThat(fx.comet.openSessions()).isEqualTo(2);
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put("Content-Type", "application/json");
        return h;
    }

    @Test
    void neverAStar() throws Exception {
        for (String origin : List.of("*", ALLOWED)) {
            HttpResponse<String> r = preflight("/_jrpcmsg/", origin, "POST", null);
            assertThat(r.headers().allValues("Access-Control-Allow-Origin")).doesNotContain("*");
        }
        HttpResponse<String> r = post("/_jrpcmsg/", Map.of("Origin", "*", "Content-Type", "application/json"),
                "{\"method\":\"poll\",\"params\":[\"new!\",0],\"id\":1}");
        assertThat(r.statusCode()).isEqualTo(403);
        assertNoCors(r);
    }
}

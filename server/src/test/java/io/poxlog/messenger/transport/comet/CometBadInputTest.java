package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Canary;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.WebMessengerFixture;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every bad request to the comet transport is answered with a status and a JSON error, makes no
 * session and leaves the session it names as it was (PROTOCOL.md §10.2, pox-web-notes.md §1.3),
 * while another client goes on.
 */
class CometBadInputTest {
    private WebMessengerFixture fx;
    private CometHttp http;

    @BeforeEach
    void start() throws Exception {
        fx = new WebMessengerFixture();
        http = new CometHttp(fx);
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private void assertError(HttpResponse<String> r, int status, String words) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(CometHttp.json(r).get("error").asText()).contains(words);
    }

    @Test
    void badBodiesToNewAre400AndMakeNoSession() throws Exception {
        try (Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             CometClient other = fx.cometClient()) {
            assertError(http.post("/_webmsg/new", "{\"seq\":1}"), 400, "no 'data'");
            assertError(http.post("/_webmsg/new", "{\"seq\":1,"), 400, "not JSON");
            assertError(http.post("/_webmsg/new", "{\"seq\":\"x\",\"data\":null}"), 400, "'seq' must be a whole number");
            assertError(http.post("/_webmsg/new", "{\"seq\":1.5,\"data\":null}"), 400, "'seq' must be a whole number");
            assertError(http.post("/_webmsg/new", "{\"seq\":99999999999999999999999,\"data\":null}"), 400, "'seq'");
            assertError(http.post("/_webmsg/new", "{\"seq\":4294967296,\"data\":null}"), 400, "'seq' must be 0 to 2147483647");
            assertError(http.post("/_webmsg/new", "{\"seq\":-1,\"data\":null}"), 400, "'seq' must be 0 to");
            assertError(http.post("/_webmsg/new", "[1,2]"), 400, "must be a JSON object");
            assertError(http.post("/_webmsg/new", ""), 400, "empty");
            assertError(http.post("/_webmsg/new", "{\"seq\":1,\"data\":null} {}"), 400, "not JSON");
            assertError(http.post("/_webmsg/new", "[".repeat(5000) + "]".repeat(5000)), 400, "not JSON");
            assertThat(fx.comet.openSessions()).isEqualTo(1); // the other client's only
            other.send("{\"CHANNEL\":\"upper\",\"msg\":\"still here\"}");
            assertThat(other.next(m -> m.has("msg")).get("msg").asText()).isEqualTo("STILL HERE");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void badBodiesToASessionAre400AndLeaveItAsItWas() throws Exception {
        String key = http.newSession();
        assertError(http.post("/_webmsg/" + key, "{\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"x\"}]}"), 400, "need a 'seq'");
        assertError(http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":{\"CHANNEL\":\"upper\",\"msg\":\"dict\"}}"), 400,
                "'data' must be a list");
        assertError(http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":5}"), 400, "'data' must be a list");
        assertThat(http.post("/_webmsg/" + key, "{\"data\":null}").statusCode()).isEqualTo(200); // a poke without seq
        assertThat(http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"fine\"}]}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void messagesThatAreNotObjectsAreAnsweredWithAnErrorEachAndTheRestDelivered() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        assertThat(http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[null,5,{\"CHANNEL\":\"upper\",\"msg\":\"after junk\"}]}")
                .statusCode()).isEqualTo(200);
        StringBuilder all = new StringBuilder();
        while (!all.toString().contains("AFTER JUNK")) {
            all.append(CometHttp.json(http.get("/_webmsg/" + key)).get("data"));
        }
        JsonNode errors = CometHttp.MAPPER.readTree("[" + all.toString().replace("][", ",").replaceAll("^\\[|\\]$", "") + "]");
        assertThat(errors.get(0).get("error").asText()).contains("a message is a JSON object, not null");
        assertThat(errors.get(1).get("error").asText()).contains("not 5");
        assertThat(errors.get(2).get("msg").asText()).isEqualTo("AFTER JUNK");
    }

    @Test
    void unknownSessionsPathsAndMethodsAreRefused() throws Exception {
        assertError(http.get("/_webmsg/nosuchsession"), 404, "no session nosu...");
        assertError(http.post("/_webmsg/nosuchsession", "{\"seq\":1,\"data\":null}"), 404, "no session");
        assertError(http.post("/_webmsg/", "{\"seq\":1,\"data\":null}"), 404, "no session named");
        assertThat(http.get("/_webmsg").statusCode()).isEqualTo(404);
        HttpResponse<String> put = CometClient.HTTP_FOR_TESTS.send(java.net.http.HttpRequest.newBuilder(fx.uri("/_webmsg/new"))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertError(put, 405, "takes GET and POST, not PUT");
        assertThat(put.headers().firstValue("Allow")).hasValue("GET, POST");
        HttpResponse<String> options = CometClient.HTTP_FOR_TESTS.send(java.net.http.HttpRequest.newBuilder(fx.uri("/_webmsg/new"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).header("Origin", "http://evil.example")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertError(options, 403, "evil.example");
        assertThat(fx.comet.openSessions()).isZero();
    }

    @Test
    void anotherSitesPageCanNeitherMakeASessionNorPostToOne() throws Exception {
        Map<String, String> evil = Map.of("Origin", "http://evil.example", "Content-Type", "text/plain;charset=UTF-8");
        assertError(http.post("/_webmsg/new", evil, "{\"seq\":1,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"csrf\"}]}"),
                403, "evil.example");
        assertError(http.get("/_webmsg/new", Map.of("Sec-Fetch-Site", "cross-site")), 403, "another site");
        String key = http.newSession();
        assertError(http.post("/_webmsg/" + key, evil, "{\"seq\":101,\"data\":null}"), 403, "evil.example");
        assertThat(fx.comet.openSessions()).isEqualTo(1);
        // the page's own origin passes, with webmessenger.js's text/plain
        assertThat(http.post("/_webmsg/new", Map.of("Origin", fx.origin(), "Content-Type", "text/plain;charset=UTF-8"),
                "{\"seq\":100,\"data\":null}").statusCode()).isEqualTo(200);
    }

    @Test
    void aPostWithoutALengthHasNoBodyAndIs400() throws Exception {
        try (java.net.Socket s = new java.net.Socket(fx.web.boundAddress().getAddress(), fx.web.boundAddress().getPort())) {
            s.setSoTimeout(20_000);
            s.getOutputStream().write("POST /_webmsg/new HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n{\"seq\":1,\"data\":null}"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String head = new String(s.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(head).isEqualTo("HTTP/1.1 400");
        }
        assertThat(fx.comet.openSessions()).isZero();
    }

    @Test
    void aTokenInTheUrlIsRefused() throws Exception {
        assertError(http.post("/_webmsg/new?token=abc", "{\"seq\":1,\"data\":null}"), 400, "never taken from a URL");
        assertThat(fx.comet.openSessions()).isZero();
    }
}

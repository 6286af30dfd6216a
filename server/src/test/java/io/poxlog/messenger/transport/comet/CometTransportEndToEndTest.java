package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.testing.Await;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The comet transport's wire as POX's (PROTOCOL.md §10.1, §10.2, §10.4; pox-web-notes.md §1.1-§1.4). */
class CometTransportEndToEndTest {
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

    @Test
    void aSessionGoesAsOnPox() throws Exception {
        HttpResponse<String> created = http.post("/_webmsg/new", "{\"seq\":100,\"data\":null}");
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(created.headers().firstValue("X-POX-Messenger-Sequence-Number")).hasValue("-1");
        String key = CometHttp.json(created).get("ses").asText();
        assertThat(created.body()).isEqualTo("{\"seq\":-1,\"ses\":\"" + key + "\"}");

        HttpResponse<String> first = http.get("/_webmsg/" + key);
        assertThat(first.headers().firstValue("X-POX-Messenger-Sequence-Number")).hasValue("0");
        assertThat(first.body()).startsWith("{\"seq\":0,\"ses\":\"" + key + "\",\"data\":[{");
        JsonNode welcome = CometHttp.json(first).get("data").get(0);
        assertThat(welcome.get("cmd").asText()).isEqualTo("welcome");
        assertThat(welcome.get("session_id").asText()).isEqualTo(key);

        HttpResponse<String> sent = http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\","
                + "\"msg\":\"hello world\"},{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}]}");
        assertThat(sent.body()).isEqualTo("{\"seq\":-1,\"ses\":\"" + key + "\"}");
        HttpResponse<String> second = http.get("/_webmsg/" + key);
        assertThat(second.headers().firstValue("X-POX-Messenger-Sequence-Number")).hasValue("1");
        JsonNode reply = CometHttp.json(second);
        assertThat(reply.get("seq").asInt()).isEqualTo(1);
        assertThat(reply.get("data").get(0).get("msg").asText()).isEqualTo("HELLO WORLD");

        http.post("/_webmsg/" + key, "{\"seq\":102,\"data\":[{\"CHANNEL\":\"chat\",\"msg\":\"hi\"}]}");
        JsonNode chat = CometHttp.json(http.get("/_webmsg/" + key));
        assertThat(chat.get("seq").asInt()).isEqualTo(2);
        assertThat(chat.toString()).contains("says hi").doesNotContain(key + ">"); // §9.3: the key is never shown
        assertThat(chat.toString().split(key, -1)).hasSize(2); // only in "ses"
    }

    @Test
    void theKeyComesFromTheHeaderFirstThenTheLastPathSegment() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key); // the welcome
        assertThat(http.post("/_webmsg/whatever", Map.of("X-POX-Messenger-Session-Key", key),
                "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"via header\"}]}").statusCode()).isEqualTo(200);
        HttpResponse<String> r = http.get("/_webmsg/zzz", Map.of("X-POX-Messenger-Session-Key", "  " + key + "  "));
        assertThat(CometHttp.json(r).get("data").get(0).get("msg").asText()).isEqualTo("VIA HEADER");
        assertThat(http.post("/_webmsg/x/y/" + key, "{\"seq\":102,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"deep\"}]}")
                .statusCode()).isEqualTo(200);
        assertThat(CometHttp.json(http.get("/_webmsg/a/" + key + "?x=1")).get("data").get(0).get("msg").asText())
                .isEqualTo("DEEP"); // the query string is not part of the key (a fix)
    }

    @Test
    void getNewMakesASessionAndAnswersItsWelcome() throws Exception {
        JsonNode r = CometHttp.json(http.get("/_webmsg/new"));
        assertThat(r.get("seq").asInt()).isZero();
        assertThat(r.get("data").get(0).get("session_id").asText()).isEqualTo(r.get("ses").asText());
    }

    @Test
    void oneGetCarriesEveryQueuedMessageThatFitsAMebibyte() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            data.append(i == 0 ? "" : ",").append("{\"CHANNEL\":\"upper\",\"msg\":\"m").append(i).append("\"}");
        }
        // the POST is answered once the nexus has handled its messages: all 30 replies are queued
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[" + data + "]}");
        JsonNode batch = CometHttp.json(http.get("/_webmsg/" + key));
        assertThat(batch.get("data")).hasSize(30);
        assertThat(batch.get("data").get(29).get("msg").asText()).isEqualTo("M29");

        String big = "x".repeat(300_000);
        for (int i = 0; i < 5; i++) {
            http.post("/_webmsg/" + key, "{\"seq\":" + (102 + i) + ",\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"" + big + "\"}]}");
        }
        HttpResponse<String> first = http.get("/_webmsg/" + key);
        assertThat(first.body().length()).isLessThanOrEqualTo(1024 * 1024 + 100);
        assertThat(CometHttp.json(first).get("data")).hasSize(3);
        JsonNode second = CometHttp.json(http.get("/_webmsg/" + key));
        assertThat(second.get("seq").asInt()).isEqualTo(3);
        assertThat(second.get("data")).hasSize(2);
    }

    @Test
    void aGetWithNothingToSendIsAnsweredEmptyAfterThePollTimeoutAndTakesItsNumber() throws Exception {
        fx.close();
        fx = new WebMessengerFixture(CometSettings.DEFAULTS.withSessions(CometSettings.DEFAULTS.sessions()
                .withPollTimeout(Duration.ofMillis(300))), WebSettings.DEFAULTS, null);
        http = new CometHttp(fx);
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        HttpResponse<String> empty = http.get("/_webmsg/" + key);
        assertThat(empty.body()).isEqualTo("{\"seq\":1,\"ses\":\"" + key + "\",\"data\":[]}");
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"after\"}]}");
        JsonNode next = CometHttp.json(http.get("/_webmsg/" + key));
        assertThat(next.get("seq").asInt()).isEqualTo(2);
        assertThat(next.get("data").get(0).get("msg").asText()).isEqualTo("AFTER");
    }

    @Test
    void aWaitingGetIsAnsweredAsSoonAsAMessageComes() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/_webmsg/" + key);
        Await.until("the GET waits", () -> fx.comet.waitingGets() == 1);
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"now\"}]}");
        assertThat(CometHttp.json(waiting.get(20, TimeUnit.SECONDS)).get("data").get(0).get("msg").asText()).isEqualTo("NOW");
    }

    @Test
    void aSecondGetTakesTheFirstsPlaceWhichIsAnswered409() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        CompletableFuture<HttpResponse<String>> first = http.getAsync("/_webmsg/" + key);
        Await.until("the first GET waits", () -> fx.comet.waitingGets() == 1);
        CompletableFuture<HttpResponse<String>> second = http.getAsync("/_webmsg/" + key);
        HttpResponse<String> displaced = first.get(20, TimeUnit.SECONDS);
        assertThat(displaced.statusCode()).isEqualTo(409);
        assertThat(CometHttp.json(displaced).get("error").asText()).contains("one GET waits per session");
        Await.until("the second GET waits", () -> fx.comet.waitingGets() == 1);
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"to the second\"}]}");
        JsonNode got = CometHttp.json(second.get(20, TimeUnit.SECONDS));
        assertThat(got.get("seq").asInt()).isEqualTo(1);
        assertThat(got.get("data").get(0).get("msg").asText()).isEqualTo("TO THE SECOND");
    }

    @Test
    void aLostAnswerIsSentAgainWithItsNumberWhenTheClientSaysWhatItGot() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key); // answer 0
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"once\"}]}");
        String lost = http.get("/_webmsg/" + key).body(); // answer 1, "lost"
        HttpResponse<String> again = http.get("/_webmsg/" + key, Map.of("X-POX-Messenger-Sequence-Number", "0"));
        assertThat(again.body()).isEqualTo(lost);
        assertThat(again.headers().firstValue("X-POX-Messenger-Sequence-Number")).hasValue("1");
        http.post("/_webmsg/" + key, "{\"seq\":102,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"twice\"}]}");
        JsonNode next = CometHttp.json(http.get("/_webmsg/" + key, Map.of("X-POX-Messenger-Sequence-Number", "1")));
        assertThat(next.get("seq").asInt()).isEqualTo(2);
        assertThat(next.get("data")).hasSize(1);
        assertThat(next.get("data").get(0).get("msg").asText()).isEqualTo("TWICE");
        HttpResponse<String> bogus = http.get("/_webmsg/" + key, Map.of("X-POX-Messenger-Sequence-Number", "0"));
        assertThat(bogus.statusCode()).isEqualTo(400); // 0 is confirmed and gone
        assertThat(CometHttp.json(bogus).get("error").asText()).contains("not an answer this session can send again");
    }

    @Test
    void aClientThatGoesWhileItsGetWaitsLosesNothing() throws Exception {
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        try (java.net.Socket s = new java.net.Socket(fx.web.boundAddress().getAddress(), fx.web.boundAddress().getPort())) {
            s.getOutputStream().write(("GET /_webmsg/" + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            Await.until("the GET waits", () -> fx.comet.waitingGets() == 1);
        }
        Await.until("the server sees the client gone", () -> fx.comet.waitingGets() == 0);
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"kept\"}]}");
        JsonNode got = CometHttp.json(http.get("/_webmsg/" + key));
        assertThat(got.get("seq").asInt()).isEqualTo(1);
        assertThat(got.get("data").get(0).get("msg").asText()).isEqualTo("KEPT");
    }

    @Test
    void aSessionWithNoRequestExpiresAndAWaitingGetKeepsItOpen() throws Exception {
        fx.close();
        HttpSessionSettings s = CometSettings.DEFAULTS.sessions().withExpiry(Duration.ofSeconds(1))
                .withPollTimeout(Duration.ofSeconds(3));
        fx = new WebMessengerFixture(CometSettings.DEFAULTS.withSessions(s), WebSettings.DEFAULTS, null);
        http = new CometHttp(fx);
        String key = http.newSession();
        http.get("/_webmsg/" + key);
        long start = System.nanoTime();
        HttpResponse<String> waited = http.get("/_webmsg/" + key); // 3 s, past the expiry
        assertThat(System.nanoTime() - start).isGreaterThan(Duration.ofMillis(2500).toNanos());
        assertThat(waited.statusCode()).isEqualTo(200);
        assertThat(CometHttp.json(waited).get("seq").asInt()).isEqualTo(1);
        Await.until("the session expires", () -> fx.comet.openSessions() == 0);
        HttpResponse<String> after = http.get("/_webmsg/" + key);
        assertThat(after.statusCode()).isEqualTo(404);
        assertThat(CometHttp.json(after).get("error").asText()).contains("no session");
        Await.until("the nexus forgets it", () -> fx.nexus.connections().isEmpty());
    }

    @Test
    void theTestClientChatsAndReceivesInOrder() throws Exception {
        try (CometClient c = fx.cometClient()) {
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            for (int i = 0; i < 20; i++) {
                c.send("{\"CHANNEL\":\"upper\",\"msg\":\"n" + i + "\"}");
            }
            for (int i = 0; i < 20; i++) {
                assertThat(c.next(m -> "upper".equals(m.path("CHANNEL").asText())).get("msg").asText()).isEqualTo("N" + i);
            }
            assertThat(c.problems()).isEmpty();
        }
    }
}

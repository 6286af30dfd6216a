package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sequence numbers in (PROTOCOL.md §10.3): POX's rule, and the hold of a POST that comes early. */
class CometSequenceTest {
    private WebMessengerFixture fx;
    private CometHttp http;
    private String key;

    @BeforeEach
    void start() throws Exception {
        fx = new WebMessengerFixture();
        http = new CometHttp(fx);
        key = http.newSession();
        http.get("/_webmsg/" + key); // the welcome
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static String upper(int seq, String msg) {
        return "{\"seq\":" + seq + ",\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"" + msg + "\"}]}";
    }

    @Test
    void aSeqOfDigitsInAStringIsTaken() throws Exception {
        assertThat(http.post("/_webmsg/" + key, "{\"seq\":\"101\",\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"s\"}]}")
                .statusCode()).isEqualTo(200);
        assertThat(CometHttp.json(http.get("/_webmsg/" + key)).get("data").get(0).get("msg").asText()).isEqualTo("S");
        assertThat(http.post("/_webmsg/" + key, "{\"seq\":102,\"data\":null}").statusCode()).isEqualTo(200); // a poke counts
        assertThat(http.post("/_webmsg/" + key, upper(103, "t")).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongSeqIsBadSequenceNumberAndClosesTheSessionAnsweringItsWaitingGet() throws Exception {
        CompletableFuture<HttpResponse<String>> waiting = http.getAsync("/_webmsg/" + key);
        Await.until("the GET waits", () -> fx.comet.waitingGets() == 1);
        HttpResponse<String> bad = http.post("/_webmsg/" + key, upper(200, "never"));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.headers().firstValue("X-POX-Messenger-Sequence-Number")).hasValue("-1");
        JsonNode body = CometHttp.json(bad);
        assertThat(body.get("seq").asInt()).isEqualTo(-1);
        assertThat(body.get("ses").asText()).isEqualTo(key);
        assertThat(body.get("error").asText()).isEqualTo("bad sequence number: expected 101, got 200");
        HttpResponse<String> closed = waiting.get(20, TimeUnit.SECONDS);
        assertThat(closed.statusCode()).isEqualTo(200);
        assertThat(closed.body()).isEqualTo("{\"seq\":-1,\"ses\":\"" + key + "\"}");
        assertThat(http.post("/_webmsg/" + key, upper(101, "late")).statusCode()).isEqualTo(404);
        assertThat(http.get("/_webmsg/" + key).statusCode()).isEqualTo(404);
    }

    @Test
    void theReasonPhraseIsPoxs() throws Exception {
        assertThat(http.statusLine("POST", "/_webmsg/" + key, upper(99, "x"))).isEqualTo("HTTP/1.1 400 Bad sequence number");
    }

    @Test
    void aSeqAlreadyTakenIsBadSequenceNumber() throws Exception {
        assertThat(http.post("/_webmsg/" + key, upper(101, "a")).statusCode()).isEqualTo(200);
        assertThat(http.post("/_webmsg/" + key, upper(101, "a")).statusCode()).isEqualTo(400);
    }

    @Test
    void anEarlyPostWaitsForTheOneBeforeItAndBothAreDeliveredInOrder() throws Exception {
        CompletableFuture<HttpResponse<String>> early = http.postAsync("/_webmsg/" + key, upper(102, "second"));
        // POX would refuse it at once; here it is held, unanswered, for up to 2 s
        assertThat(early.copy().completeOnTimeout(null, 300, TimeUnit.MILLISECONDS).get()).isNull();
        assertThat(http.post("/_webmsg/" + key, upper(101, "first")).statusCode()).isEqualTo(200);
        assertThat(early.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        List<String> got = new ArrayList<>();
        while (got.size() < 2) {
            CometHttp.json(http.get("/_webmsg/" + key)).get("data").forEach(m -> got.add(m.get("msg").asText()));
        }
        assertThat(got).containsExactly("FIRST", "SECOND");
    }

    @Test
    void aBurstOfPostsInAnyOrderIsDeliveredInSeqOrder() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> posts = new ArrayList<>();
        for (int seq : new int[] {105, 103, 108, 104, 102, 107, 106}) {
            posts.add(http.postAsync("/_webmsg/" + key, upper(seq, "m" + seq)));
        }
        assertThat(http.post("/_webmsg/" + key, upper(101, "m101")).statusCode()).isEqualTo(200);
        for (CompletableFuture<HttpResponse<String>> p : posts) {
            assertThat(p.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        List<String> got = new ArrayList<>();
        while (got.size() < 8) {
            CometHttp.json(http.get("/_webmsg/" + key)).get("data").forEach(m -> got.add(m.get("msg").asText()));
        }
        assertThat(got).containsExactly("M101", "M102", "M103", "M104", "M105", "M106", "M107", "M108");
    }

    @Test
    void anEarlyPostWhoseGapStaysOpenIsRefusedAfterTheHold() throws Exception {
        fx.close();
        fx = new WebMessengerFixture(CometSettings.DEFAULTS.withSeqHold(Duration.ofMillis(200)), WebSettings.DEFAULTS, null);
        http = new CometHttp(fx);
        key = http.newSession();
        long start = System.nanoTime();
        HttpResponse<String> r = http.post("/_webmsg/" + key, upper(102, "alone"));
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(CometHttp.json(r).get("error").asText()).contains("expected 101, got 102, which waited 200 ms");
        assertThat(http.get("/_webmsg/" + key).statusCode()).isEqualTo(404);
    }

    @Test
    void aPostFarAheadIsRefusedAtOnce() throws Exception {
        assertThat(http.post("/_webmsg/" + key, upper(101 + 9, "far")).statusCode()).isEqualTo(400);
    }

    @Test
    void theSeqWrapsFromTheLargestToZero() throws Exception {
        fx.close();
        fx = new WebMessengerFixture();
        http = new CometHttp(fx);
        HttpResponse<String> r = http.post("/_webmsg/new", "{\"seq\":2147483647,\"data\":null}");
        key = CometHttp.json(r).get("ses").asText();
        assertThat(http.post("/_webmsg/" + key, upper(0, "wrapped")).statusCode()).isEqualTo(200);
        assertThat(http.post("/_webmsg/" + key, upper(1, "on")).statusCode()).isEqualTo(200);
    }
}

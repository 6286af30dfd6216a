package io.poxlog.messenger.transport.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.testing.Await;
import io.poxlog.testing.JsonRpcClient;
import io.poxlog.testing.WebMessengerFixture;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JSON-RPC transport's methods as POX answers them (PROTOCOL.md §11; pox-web-notes.md §2). */
class JsonRpcTransportEndToEndTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private WebMessengerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new WebMessengerFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private HttpResponse<String> post(String body) throws Exception {
        return JsonRpcClient.post(fx.jsonRpcEndpoint(), body);
    }

    private JsonNode rpc(String body) throws Exception {
        HttpResponse<String> r = post(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(r.body()).endsWith("\n");
        return MAPPER.readTree(r.body());
    }

    private CompletableFuture<JsonNode> rpcAsync(String body) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return rpc(body);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
    }

    private String newSession() throws Exception {
        JsonNode r = rpc("{\"service\":\"messenger_rx\",\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}");
        return r.get("result").get("session").asText();
    }

    private static String send(String key, String msg, Object seq, int id) {
        return "{\"method\":\"send\",\"id\":" + id + ",\"params\":[\"" + key + "\"," + msg + (seq == null ? "" : "," + seq) + "]}";
    }

    private static String upper(String m) {
        return "{\"CHANNEL\":\"upper\",\"msg\":\"" + m + "\"}";
    }

    private static String poll(String key, Object seq, int id) {
        return "{\"method\":\"poll\",\"id\":" + id + ",\"params\":[\"" + key + "\"" + (seq == null ? "" : "," + seq) + "]}";
    }

    @Test
    void aSessionGoesAsPoxdeskStartsOne() throws Exception {
        JsonNode first = rpc("{\"service\":\"messenger_rx\",\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}");
        assertThat(first.get("id").asInt()).isEqualTo(1);
        JsonNode result = first.get("result");
        String key = result.get("session").asText();
        assertThat(result.get("seq").asInt()).isZero();
        assertThat(result.get("messages").get(0).get("cmd").asText()).isEqualTo("welcome");
        assertThat(result.get("messages").get(0).get("session_id").asText()).isEqualTo(key);
        JsonNode join = rpc("{\"service\":\"messenger_tx\",\"method\":\"send\",\"id\":2,\"params\":[\"" + key
                + "\",{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"},0]}");
        assertThat(join.get("result").toString()).isEqualTo("{\"ok\":true,\"ack\":1,\"session\":\"" + key + "\"}");
        assertThat(rpc(send(key, upper("hello"), 1, 3)).get("result").get("ack").asInt()).isEqualTo(2);
        JsonNode polled = rpc(poll(key, 1, 4));
        assertThat(polled.get("result").get("seq").asInt()).isEqualTo(1);
        assertThat(polled.get("result").get("messages").get(0).get("msg").asText()).isEqualTo("HELLO");
        JsonNode again = rpc(poll(key, 1, 5)); // nothing was acknowledged
        assertThat(again.get("result")).isEqualTo(polled.get("result"));
        assertThat(again.get("id").asInt()).isEqualTo(5);
    }

    @Test
    void pollsAcknowledgeAsTheyGoAndTakeBatchSizeAsPoxDoes() throws Exception {
        String key = newSession();
        rpc(send(key, "[" + upper("a") + "," + upper("b") + "]", 0, 2));
        assertThat(rpc(poll(key, "1,1", 3)).get("result").get("messages").get(0).get("msg").asText()).isEqualTo("A");
        JsonNode b = rpc(poll(key, 2, 4)).get("result");
        assertThat(b.get("seq").asInt()).isEqualTo(2);
        assertThat(b.get("messages").get(0).get("msg").asText()).isEqualTo("B");
        JsonNode expired = rpc(poll(key, 1, 5)).get("result");
        assertThat(expired.toString()).isEqualTo("{\"messages\":[],\"failure\":\"expired\",\"seq\":2,\"session\":\"" + key + "\"}");
        JsonNode named = rpc("{\"method\":\"send\",\"id\":6,\"params\":{\"session_id\":\"" + key + "\",\"msg\":" + upper("c") + "}}");
        assertThat(named.get("result").get("ack").asInt()).isEqualTo(1); // no seq: unchecked, ack unchanged
        rpc(send(key, "[" + upper("d") + "," + upper("e") + "]", 1, 7));
        JsonNode one = rpc("{\"method\":\"poll\",\"id\":8,\"params\":{\"session_id\":\"" + key + "\",\"seq\":3,\"batch_size\":0}}");
        assertThat(one.get("result").get("messages")).hasSize(1); // 0 means 1
        JsonNode rest = rpc(poll(key, null, 9)).get("result"); // from the one after the last sent
        assertThat(rest.get("seq").asInt()).isEqualTo(4);
        assertThat(rest.get("messages")).extracting(m -> m.get("msg").asText()).containsExactly("D", "E");
    }

    @Test
    void thirtyQueuedMessagesComeInOnePollWithoutBatchSize() throws Exception {
        String key = newSession();
        StringBuilder msgs = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            msgs.append(i == 0 ? "" : ",").append(upper("m" + i));
        }
        rpc(send(key, "[" + msgs + "]", 0, 2));
        assertThat(rpc(poll(key, 1, 3)).get("result").get("messages")).hasSize(30);
    }

    @Test
    void aPollWithNothingToSendWaitsAndIsAnsweredEmpty() throws Exception {
        fx.close();
        HttpSessionSettings quick = JsonRpcSettings.DEFAULTS.sessions().withPollTimeout(Duration.ofMillis(300));
        fx = new WebMessengerFixture(JsonRpcSettings.DEFAULTS.withSessions(quick), null);
        String key = newSession();
        JsonNode empty = rpc(poll(key, 50, 2)); // past the last sent: waits, acknowledges nothing
        assertThat(empty.get("result").toString()).isEqualTo("{\"seq\":50,\"messages\":[],\"session\":\"" + key + "\"}");
        CompletableFuture<JsonNode> waiting = rpcAsync(poll(key, 1, 3));
        Await.until("the poll waits", () -> fx.jsonrpc.waitingPolls() == 1);
        rpc(send(key, upper("came"), 0, 4));
        assertThat(waiting.get(20, TimeUnit.SECONDS).get("result").get("messages").get(0).get("msg").asText())
                .isEqualTo("CAME");
    }

    @Test
    void aSecondPollTakesTheFirstsPlaceWhichIsAnsweredEmpty() throws Exception {
        String key = newSession();
        CompletableFuture<JsonNode> first = rpcAsync(poll(key, 1, 2));
        Await.until("the first poll waits", () -> fx.jsonrpc.waitingPolls() == 1);
        CompletableFuture<JsonNode> second = rpcAsync(poll(key, 1, 3));
        assertThat(first.get(20, TimeUnit.SECONDS).get("result").get("messages")).isEmpty();
        Await.until("the second poll waits", () -> fx.jsonrpc.waitingPolls() == 1);
        rpc(send(key, upper("to the second"), 0, 4));
        assertThat(second.get(20, TimeUnit.SECONDS).get("result").get("messages").get(0).get("msg").asText())
                .isEqualTo("TO THE SECOND");
    }

    @Test
    void errorsAndNotificationsAreAnsweredWithPoxsCodes() throws Exception {
        String key = newSession();
        assertThat(post("{\"method\":\"send\",\"params\":[\"" + key + "\"," + upper("n") + "]}").body()).isEqualTo("\"\"\n");
        JsonNode batch = rpc("[{\"method\":\"send\",\"params\":[\"" + key + "\"," + upper("n2") + "]},"
                + "{\"method\":\"nosuch\",\"id\":14}," + send(key, upper("x"), null, 15) + "]");
        assertThat(batch).hasSize(2);
        assertThat(batch.get(0).toString()).isEqualTo("{\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":14}");
        assertThat(batch.get(1).get("result").get("ok").asBoolean()).isTrue();
        assertThat(rpc("{\"method\":\"nosuch\"}").toString())
                .isEqualTo("{\"error\":{\"code\":-32601,\"message\":\"Method not found\"},\"id\":null}");
        assertThat(rpc("{\"id\":19,\"params\":[]}").get("error").get("code").asInt()).isEqualTo(-32601);
        assertThat(rpc(send("nosuchsession", upper("x"), null, 16)).toString())
                .isEqualTo("{\"error\":{\"code\":-32000,\"message\":\"No such session\"},\"id\":16}");
        assertThat(rpc(poll("nosuchsession", null, 17)).toString())
                .isEqualTo("{\"messages\":[],\"failure\":\"No session\",\"id\":17}");
        JsonNode shortOne = rpc("{\"method\":\"send\",\"id\":18,\"params\":[\"" + key + "\"]}");
        assertThat(shortOne.get("error").get("code").asInt()).isEqualTo(-32602);
        assertThat(shortOne.get("error").get("message").asText()).contains("send needs 'msg'");
        assertThat(rpc("{\"method\":\"poll\",\"id\":18,\"params\":[\"" + key + "\",\"x\"]}").get("error").get("message")
                .asText()).contains("poll's 'seq' must be a whole number");
        assertThat(rpc("{\"method\":\"poll\",\"id\":18,\"params\":[\"" + key + "\",1,2,3,4]}").get("error").get("message")
                .asText()).contains("at most 3 parameters");
        JsonNode parse = rpc("{\"method\":\"poll\",\"id\":20");
        assertThat(parse.toString()).isEqualTo("{\"error\":{\"code\":-32700,\"message\":\"Parse error\"}}");
        assertThat(post("[]").body()).isEqualTo("\"\"\n");
        assertThat(rpc("[5]").toString()).isEqualTo("[{\"error\":{\"code\":-32600,\"message\":\"Invalid Request\"},\"id\":null}]");
        assertThat(rpc("{\"method\":\"stop\",\"id\":21,\"params\":[\"nosuch\"]}").toString()).isEqualTo("{\"result\":true,\"id\":21}");
        JsonNode twoPolls = rpc("[" + poll(key, null, 22) + "," + poll(key, null, 23) + "]");
        assertThat(twoPolls.get(1).get("error").get("code").asInt()).isEqualTo(-32600);
        HttpResponse<String> get = io.poxlog.testing.CometClient.get(fx.jsonRpcEndpoint(), java.util.Map.of());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(MAPPER.readTree(get.body()).get("error").asText()).contains("by POST, not GET");
    }

    @Test
    void stopAnswersAWaitingPollQuitAndTheSessionIsGone() throws Exception {
        String key = newSession();
        CompletableFuture<JsonNode> waiting = rpcAsync(poll(key, 1, 23));
        Await.until("the poll waits", () -> fx.jsonrpc.waitingPolls() == 1);
        assertThat(rpc("{\"method\":\"stop\",\"id\":24,\"params\":[\"" + key + "\"]}").get("result").asBoolean()).isTrue();
        assertThat(waiting.get(20, TimeUnit.SECONDS).get("result").toString())
                .isEqualTo("{\"messages\":[],\"failure\":\"quit\",\"seq\":0,\"session\":\"" + key + "\"}");
        assertThat(rpc(poll(key, 1, 25)).get("failure").asText()).isEqualTo("No session");
        assertThat(rpc(send(key, upper("x"), 1, 26)).get("error").get("code").asInt()).isEqualTo(-32000);
    }

    @Test
    void sendsOutOfOrderAreDeliveredInOrderOnceEach() throws Exception {
        String key = newSession();
        assertThat(rpc(send(key, upper("zero"), 0, 2)).get("result").toString()).contains("\"ok\":true,\"ack\":1");
        assertThat(rpc(send(key, upper("two"), 2, 3)).get("result").toString()).contains("\"ok\":false,\"ack\":1");
        assertThat(rpc(send(key, upper("one"), 1, 4)).get("result").toString()).contains("\"ok\":true,\"ack\":3");
        assertThat(rpc(send(key, upper("three"), 3, 5)).get("result").toString()).contains("\"ok\":true,\"ack\":4");
        assertThat(rpc(send(key, upper("three-again"), 3, 6)).get("result").toString()).contains("\"ok\":true,\"ack\":4");
        assertThat(rpc(send(key, upper("four"), 4, 7)).get("result").toString()).contains("\"ok\":true,\"ack\":5");
        List<String> got = new ArrayList<>();
        long seq = 1;
        while (got.size() < 5) {
            JsonNode r = rpc(poll(key, seq, 8)).get("result");
            r.get("messages").forEach(m -> got.add(m.get("msg").asText()));
            seq = r.get("seq").asLong() + r.get("messages").size();
        }
        assertThat(got).containsExactly("ZERO", "ONE", "TWO", "THREE", "FOUR");
    }

    @Test
    void aSessionHoldsAtMost64MessagesWaitingForAGap() throws Exception {
        String key = newSession();
        rpc(send(key, upper("base"), 0, 2));
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 65; i++) {
            many.append(i == 0 ? "" : ",").append(upper("h" + i));
        }
        JsonNode refused = rpc(send(key, "[" + many + "]", 5, 3));
        assertThat(refused.get("error").get("message").asText()).contains("may hold 64: send 5 is refused");
        assertThat(rpc(send(key, upper("next"), 1, 4)).get("result").get("ack").asInt()).isEqualTo(2);
    }

    @Test
    void sendToNewMakesASession() throws Exception {
        JsonNode r = rpc("{\"method\":\"send\",\"id\":27,\"params\":[\"new!\"," + upper("x") + ",7]}");
        assertThat(r.get("result").get("ack").asInt()).isEqualTo(8);
        assertThat(r.get("result").get("ok").asBoolean()).isTrue();
        assertThat(fx.jsonrpc.openSessions()).isEqualTo(1);
    }

    @Test
    void aSessionWithNoRequestExpires() throws Exception {
        fx.close();
        fx = new WebMessengerFixture(JsonRpcSettings.DEFAULTS.withSessions(JsonRpcSettings.DEFAULTS.sessions()
                .withExpiry(Duration.ofSeconds(1))), null);
        String key = newSession();
        Await.until("the session expires", () -> fx.jsonrpc.openSessions() == 0);
        assertThat(rpc(poll(key, 1, 2)).get("failure").asText()).isEqualTo("No session");
    }

    @Test
    void thePoxdeskClientChatsInOrder() throws Exception {
        try (JsonRpcClient c = fx.jsonRpcClient()) {
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            for (int i = 0; i < 20; i++) {
                c.send(upper("n" + i));
            }
            for (int i = 0; i < 20; i++) {
                assertThat(c.next(m -> "upper".equals(m.path("CHANNEL").asText())).get("msg").asText()).isEqualTo("N" + i);
            }
            assertThat(c.problems()).isEmpty();
        }
        Await.until("stop closed it", () -> fx.jsonrpc.openSessions() == 0);
    }

    @Test
    void poxdesksLogViewerJoinsWithSendsInFlightAtOnceAndReadsItsRecords() throws Exception {
        // POXDesk's Messenger.js: poll("new!", 0), then each window's sends as soon as wanted, several
        // in flight at once (here the second first), then polls with seq = result.seq + messages.length
        JsonNode first = rpc("{\"service\":\"messenger_rx\",\"method\":\"poll\",\"id\":1,\"params\":[\"new!\",0]}");
        String key = first.get("result").get("session").asText();
        long seq = first.get("result").get("seq").asLong() + first.get("result").get("messages").size();
        String channel = "log_" + key + "_7";
        CompletableFuture<JsonNode> second = rpcAsync("{\"service\":\"messenger_tx\",\"method\":\"send\",\"id\":3,"
                + "\"params\":[\"" + key + "\",{\"CHANNEL\":\"upper\",\"msg\":\"second\"},1]}");
        JsonNode join = rpc("{\"service\":\"messenger_tx\",\"method\":\"send\",\"id\":2,\"params\":[\"" + key
                + "\",{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\",\"json\":true},0]}");
        assertThat(join.get("result").get("ack").asLong()).isPositive(); // POXDesk's only check
        assertThat(second.get(20, TimeUnit.SECONDS).get("result").get("ack").asLong()).isPositive();
        String marker = "for poxdesk " + java.util.UUID.randomUUID();
        JsonNode record = null;
        int id = 10;
        while (record == null) {
            fx.logger("poxdesk.test").error(marker);
            JsonNode r = rpc("{\"service\":\"messenger_rx\",\"method\":\"poll\",\"id\":" + (id++) + ",\"params\":[\""
                    + key + "\"," + seq + "]}").get("result");
            for (JsonNode m : r.get("messages")) {
                if (channel.equals(m.path("CHANNEL").asText()) && m.path("message").asText().equals(marker)) {
                    record = m;
                }
            }
            seq = r.get("seq").asLong() + r.get("messages").size();
        }
        assertThat(record.get("levelno").asInt()).isEqualTo(40);
        assertThat(record.get("levelname").asText()).isEqualTo("ERROR");
        assertThat(record.get("name").asText()).isEqualTo("poxdesk.test");
        assertThat(record.get("created").asDouble()).isPositive();
        assertThat(rpc("{\"service\":\"messenger_tx\",\"method\":\"stop\",\"id\":99,\"params\":[\"" + key + "\"]}")
                .get("result").asBoolean()).isTrue();
    }

    @Test
    void aFirstSendSentTwiceWhileItWaitsForTheOnesFrom0IsAnsweredAndTheSessionStillExpires() throws Exception {
        fx.close();
        fx = new WebMessengerFixture(JsonRpcSettings.DEFAULTS.withSessions(JsonRpcSettings.DEFAULTS.sessions()
                .withExpiry(Duration.ofSeconds(3))), null);
        String key = newSession();
        // the same first send twice at once: one waits (up to 2 s) for the ones from 0, the other is
        // the repeat, answered at once "held"
        CompletableFuture<JsonNode> one = rpcAsync(send(key, upper("three"), 3, 2));
        CompletableFuture<JsonNode> two = rpcAsync(send(key, upper("three"), 3, 3));
        List<String> answers = List.of(one.get(20, TimeUnit.SECONDS).get("result").toString(),
                two.get(20, TimeUnit.SECONDS).get("result").toString());
        assertThat(answers).anySatisfy(a -> assertThat(a).contains("\"ok\":true,\"ack\":4"));
        assertThat(answers).anySatisfy(a -> assertThat(a).contains("\"ok\":false"));
        Await.until("the session expires", () -> fx.jsonrpc.openSessions() == 0);
    }
}

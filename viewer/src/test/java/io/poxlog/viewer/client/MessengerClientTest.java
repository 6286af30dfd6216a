package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.Tokens;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.viewer.testing.ScriptedController;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The messenger client against real messengers and scripted ones: the handshake, a refused
 * token, backoff, requests by XID, a send that never blocks, and a reader that survives.
 */
class MessengerClientTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ClientOptions OPTIONS = ClientOptions.defaults().withThreadName("test-client");

    /** What a client reported, with when each state came. */
    static class Recorder implements MessengerClient.Listener {
        record Stamped(SourceStatus status, long atMillis) {
        }

        final List<Stamped> states = new CopyOnWriteArrayList<>();
        final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<Welcome> ready = new CopyOnWriteArrayList<>();

        @Override
        public void onReady(Welcome w) {
            ready.add(w);
        }

        @Override
        public void onMessage(Message m) {
            messages.add(m.tree());
        }

        @Override
        public void onError(String error) {
            errors.add(error);
        }

        @Override
        public void onState(SourceStatus s) {
            states.add(new Stamped(s, System.currentTimeMillis()));
        }

        /** The delays the client announced before each reconnect, in ms. */
        List<Long> delays() {
            List<Long> out = new ArrayList<>();
            for (Stamped s : states) {
                if (s.status().state() == ConnectionState.RECONNECTING) {
                    out.add(s.status().retryAtMillis() - s.atMillis());
                }
            }
            return out;
        }

        long count(ConnectionState state) {
            return states.stream().filter(s -> s.status().state() == state).count();
        }
    }

    @Test
    void aRefusedTokenIsOneFailureThenFinalUntilRetryIsAskedFor() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Recorder r = new Recorder();
            ClientOptions o = OPTIONS.withToken("wrong-wrong-wrong-wrong").withRetry(Duration.ofMillis(50), Duration.ofMillis(50));
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), o, r).start()) {
                c.send(MAPPER.createObjectNode().put("CHANNEL", "upper").put("msg", "typed early")); // waits for the token
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(true, null, "errors", "auth"));
                JsonNode auth = p.next();
                assertThat(auth.get("cmd").asText()).isEqualTo("auth");
                assertThat(auth.get("token").asText()).isEqualTo("wrong-wrong-wrong-wrong");
                p.send("{\"CHANNEL\":\"\",\"cmd\":\"error\",\"error\":\"authentication failed: unknown token (failure 1 of 3)\","
                        + "\"XID\":" + MAPPER.writeValueAsString(auth.get("XID").asText()) + "}");
                assertThat(p.awaitClosedByClient()).as("nothing after the refused token").isEmpty();
                Await.until("refused", () -> c.status().state() == ConnectionState.REFUSED);
                assertThat(c.status().detail())
                        .isEqualTo("the controller refused the token: authentication failed: unknown token (failure 1 of 3)");
                assertThat(sc.nobodyConnectsWithin(Duration.ofSeconds(1))).as("no retry by itself").isTrue();
                assertThat(r.count(ConnectionState.RECONNECTING)).isZero();
                assertThat(c.send(MAPPER.createObjectNode().put("test", "x")).reason()).endsWith("is not connected");

                c.retry();
                ScriptedController.Peer again = sc.accept();
                again.send(ScriptedController.welcome(true, null, "errors", "auth"));
                assertThat(again.next().get("cmd").asText()).isEqualTo("auth");
            }
        }
    }

    @Test
    void aMissingTokenIsTheSameFinalRefusalAndNothingIsSent() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Recorder r = new Recorder();
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), OPTIONS, r).start()) {
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(true, null, "errors", "auth"));
                assertThat(p.awaitClosedByClient()).isEmpty();
                Await.until("refused", () -> c.status().state() == ConnectionState.REFUSED);
                assertThat(c.status().detail()).isEqualTo("a token is required; give it with --token-file or POXLOG_TOKEN");
                assertThat(c.status().describe(0)).isEqualTo("127.0.0.1:" + sc.port()
                        + " refused, R retries (a token is required; give it with --token-file or POXLOG_TOKEN)");
                assertThat(sc.nobodyConnectsWithin(Duration.ofSeconds(1))).isTrue();
            }
        }
    }

    @Test
    void whatIsSentBeforeTheTokenIsAcceptedWaitsForIt() throws Exception {
        try (TestServer server = new TestServer(TcpSettings.DEFAULTS, Duration.ofSeconds(10), Tokens.BOTH)) {
            Recorder r = new Recorder();
            try (MessengerClient c = new MessengerClient("127.0.0.1", server.address().getPort(), OPTIONS.withToken(Tokens.READ), r)) {
                c.start();
                c.send(MAPPER.createObjectNode().put("CHANNEL", "upper").put("msg", "early"));
                Await.until("the reply", () -> r.messages.stream().anyMatch(m -> m.path("msg").asText().equals("EARLY")));
                assertThat(r.messages).noneMatch(m -> m.has("error"));
                assertThat(r.messages.get(0).get("cmd").asText()).isEqualTo("welcome");
                assertThat(r.messages.get(1).get("cmd").asText()).isEqualTo("authenticated");
                assertThat(r.ready).hasSize(1);
                assertThat(r.ready.get(0).authRequired()).isTrue();
            }
        }
    }

    @Test
    void theBackoffDoublesForEveryFailureEvenWhenEachConnectionOpensAndStartsAgainAfterAProvenOne() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Recorder r = new Recorder();
            ClientOptions o = OPTIONS.withRetry(Duration.ofMillis(200), Duration.ofMillis(1600));
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), o, r).start()) {
                for (int i = 0; i < 5; i++) {
                    ScriptedController.Peer p = sc.accept(); // each connection opens, is welcomed, and is closed
                    p.send(ScriptedController.welcome(false, null, "errors"));
                    Await.until("ready", () -> c.welcome() != null);
                    p.close();
                }
                Await.until("five failures", () -> r.delays().size() == 5);
                List<Long> delays = r.delays();
                long[] expected = {200, 400, 800, 1600, 1600};
                for (int i = 0; i < expected.length; i++) {
                    assertThat(delays.get(i)).as("delay %d of %s", i, delays).isBetween(expected[i] - 150, expected[i]);
                }
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(false, null, "errors"));
                Await.until("ready", () -> c.welcome() != null);
                c.markHealthy();
                p.close();
                Await.until("the next failure", () -> r.delays().size() == 6);
                assertThat(r.delays().get(5)).as("after a proven connection").isBetween(50L, 200L);
            }
        }
    }

    @Test
    void anUnknownHostSaysSoAndBacksOffTheSameWay() {
        Recorder r = new Recorder();
        ClientOptions o = OPTIONS.withRetry(Duration.ofMillis(200), Duration.ofSeconds(5));
        try (MessengerClient c = new MessengerClient("nosuchhost.invalid", 7790, o, r).start()) {
            Await.until("two failures", () -> r.delays().size() >= 2);
            assertThat(c.status().describe(c.status().retryAtMillis() - 400)).startsWith("nosuchhost.invalid:7790 reconnecting in ");
            assertThat(r.states).filteredOn(s -> s.status().state() == ConnectionState.RECONNECTING)
                    .allMatch(s -> s.status().detail().equals("unknown host nosuchhost.invalid"));
            assertThat(r.delays().get(0)).isBetween(50L, 200L);
            assertThat(r.delays().get(1)).isBetween(250L, 400L);
        }
    }

    @Test
    void requestsAreMatchedByXidAndAnErrorReplyFailsWithItsText() throws Exception {
        try (TestServer server = new TestServer()) {
            Recorder r = new Recorder();
            try (MessengerClient c = new MessengerClient("127.0.0.1", server.address().getPort(), OPTIONS, r).start()) {
                ObjectNode probe = MAPPER.createObjectNode().put("CHANNEL", "").put("test", "ping");
                ObjectNode reply = c.request(probe).get(10, TimeUnit.SECONDS);
                assertThat(reply.get("test").asText()).isEqualTo("PING");
                assertThat(reply.get("XID").asText()).isEqualTo(probe.get("XID").asText()).startsWith("poxlog-");
                CompletableFuture<ObjectNode> bad = c.request(MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "leave_channel")
                        .put("channel", "never-joined"));
                assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(ServerErrorException.class).hasMessage("cannot leave 'never-joined': not a member");
                assertThat(r.messages).as("replies to requests go to their futures only")
                        .noneMatch(m -> m.has("XID"));
            }
        }
    }

    @Test
    void sendNeverBlocksOnAControllerThatStoppedReadingAndSaysWhyAndCounts() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Recorder r = new Recorder();
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), OPTIONS, r).start()) {
                ScriptedController.Peer p = sc.accept();
                p.stopReading();
                p.send(ScriptedController.welcome(false, null, "errors"));
                Await.until("ready", () -> c.status().state() == ConnectionState.CONNECTED);
                ObjectNode big = MAPPER.createObjectNode().put("CHANNEL", "x").put("msg", "y".repeat(10_000));
                CompletableFuture<List<SendResult>> sends = CompletableFuture.supplyAsync(() -> {
                    List<SendResult> out = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        out.add(c.send(big));
                    }
                    return out;
                });
                List<SendResult> results = sends.get(10, TimeUnit.SECONDS); // blocked for good before the fix
                List<SendResult> refused = results.stream().filter(x -> !x.queued()).toList();
                assertThat(refused).isNotEmpty();
                assertThat(refused.get(0).reason()).isEqualTo(
                        "the controller is not reading: 1,000 messages wait to be sent already");
                assertThat(c.notSent()).isEqualTo(refused.size());
            }
        }
    }

    @Test
    void aMessageOverTheLimitIsDroppedAndSaidAndTheConnectionGoesOn() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Recorder r = new Recorder();
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), OPTIONS.withMaxMessageBytes(64 * 1024), r).start()) {
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(false, null, "errors"));
                String huge = "{\"CHANNEL\":\"c\",\"msg\":\"" + "z".repeat(100_000) + "\"}";
                p.send(huge).send("{\"CHANNEL\":\"c\",\"msg\":\"after\"}");
                Await.until("the next message", () -> r.messages.stream().anyMatch(m -> m.path("msg").asText().equals("after")));
                assertThat(r.errors).containsExactly("dropped a message of " + String.format("%,d", huge.length()) + " bytes from 127.0.0.1:"
                        + sc.port() + ": larger than 65,536 bytes, the most a message may be");
                assertThat(r.count(ConnectionState.RECONNECTING)).isZero();
            }
        }
    }

    @Test
    void whateverAListenerThrowsTheReaderSaysSoDropsTheConnectionAndMakesItAgain() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            AtomicBoolean thrown = new AtomicBoolean();
            Recorder r = new Recorder() {
                @Override
                public void onMessage(Message m) {
                    if (m.tree().has("boom") && !thrown.getAndSet(true)) {
                        throw new OutOfMemoryError("Java heap space");
                    }
                    super.onMessage(m);
                }
            };
            ClientOptions o = OPTIONS.withRetry(Duration.ofMillis(50), Duration.ofMillis(50));
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), o, r).start()) {
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(false, null, "errors"));
                p.send("{\"CHANNEL\":\"c\",\"boom\":1}");
                assertThat(p.awaitClosedByClient()).isEmpty();
                ScriptedController.Peer again = sc.accept();
                again.send(ScriptedController.welcome(false, null, "errors")).send("{\"CHANNEL\":\"c\",\"boom\":2}");
                Await.until("the next message", () -> r.messages.stream().anyMatch(m -> m.path("boom").asInt() == 2));
                assertThat(r.states).anyMatch(s -> s.status().state() == ConnectionState.RECONNECTING && s.status().detail()
                        .equals("dropped the connection after failing on a message: java.lang.OutOfMemoryError: Java heap space"));
                assertThat(r.errors).contains("failed on a message from 127.0.0.1:" + sc.port()
                        + " (java.lang.OutOfMemoryError: Java heap space); reconnecting");
            }
        }
    }

    @Test
    void aListenerThatThrowsAnErrorOnAStateChangeDoesNotKillTheClientsThread() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            AtomicBoolean thrown = new AtomicBoolean();
            Recorder r = new Recorder() {
                @Override
                public void onState(SourceStatus s) {
                    super.onState(s);
                    if (s.state() == ConnectionState.RECONNECTING && !thrown.getAndSet(true)) {
                        throw new OutOfMemoryError("Java heap space");
                    }
                }
            };
            ClientOptions o = OPTIONS.withRetry(Duration.ofMillis(50), Duration.ofMillis(50));
            try (MessengerClient c = new MessengerClient("127.0.0.1", sc.port(), o, r).start()) {
                sc.accept().close();
                sc.accept().send(ScriptedController.welcome(false, null, "errors"));
                Await.until("ready again", () -> c.status().state() == ConnectionState.CONNECTED);
                assertThat(r.states).anyMatch(s -> s.status().detail().equals("the client failed: java.lang.OutOfMemoryError: Java heap space"));
            }
        }
    }

    @Test
    void closeEndsTheClientsThreadsEvenWhileItWaitsToRetry() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            int port = sc.port();
            sc.close();
            Recorder r = new Recorder();
            MessengerClient c = new MessengerClient("127.0.0.1", port, OPTIONS.withRetry(Duration.ofSeconds(30), Duration.ofSeconds(30)), r)
                    .start();
            Await.until("waiting to retry", () -> c.status().state() == ConnectionState.RECONNECTING);
            assertThat(c.status().detail()).containsIgnoringCase("refused");
            long t0 = System.nanoTime();
            c.close();
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)).isLessThan(5);
            assertThat(c.status().state()).isEqualTo(ConnectionState.CLOSED);
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().endsWith("127.0.0.1:" + port));
        }
    }
}

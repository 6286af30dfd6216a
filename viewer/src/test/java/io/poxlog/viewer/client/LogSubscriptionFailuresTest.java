package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.TestServer;
import io.poxlog.viewer.client.LogSubscriptionTest.Collector;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What the subscription does with what it cannot have or cannot trust: a controller without the
 * log service, a refused join, a failure while handling a record, and gap notices whose counts
 * make no sense.
 */
class LogSubscriptionFailuresTest {
    private static final SubscriptionOptions FAST_RETRY =
            SubscriptionOptions.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(200));

    @Test
    void aControllerWithoutTheLogServiceIsSaidPlainlyAndNotJoined() throws Exception {
        try (TestServer server = new TestServer()) {
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", server.address().getPort(), FAST_RETRY, c).start()) {
                ControllerFixture.await("the status says so", () -> s.status().state() == ConnectionState.NO_LOG_SERVICE);
                assertThat(s.status().describe(0)).isEqualTo("127.0.0.1:" + server.address().getPort()
                        + " has no log service (start the controller with messenger.log_service)");
                assertThatThrownBy(() -> s.getLevels().get(5, TimeUnit.SECONDS)).cause()
                        .hasMessage("this controller has no log service: start it with messenger.log_service");
                assertThat(server.nexus.call(() -> server.nexus.channelNames()).get(5, TimeUnit.SECONDS))
                        .noneMatch(n -> n.startsWith("log_"));
                assertThat(s.setLevel("openflow", "DEBUG").queued()).isFalse();
            }
        }
    }

    @Test
    void aJoinTheControllerRefusesIsFinalAndSaysWhy() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", sc.port(), FAST_RETRY, c).start()) {
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(false, null, ScriptedController.LOG_SERVICE));
                JsonNode join = p.next(m -> "join_channel".equals(m.path("cmd").asText()));
                p.send("{\"CHANNEL\":\"\",\"cmd\":\"error\",\"error\":\"join of 'x' refused: too many channels\",\"XID\":\""
                        + join.get("XID").asText() + "\"}");
                p.answerProbe(p.next(m -> m.has("test")));
                ControllerFixture.await("refused", () -> s.status().state() == ConnectionState.REFUSED);
                assertThat(s.status().detail()).isEqualTo("the controller refused the subscription: join of 'x' refused: too many channels");
                assertThat(p.awaitClosedByClient()).isEmpty();
                assertThat(sc.nobodyConnectsWithin(Duration.ofSeconds(1))).isTrue();
                s.retry();
                sc.accept().send(ScriptedController.welcome(false, null, ScriptedController.LOG_SERVICE));
                ControllerFixture.await("trying again", () -> s.status().state() != ConnectionState.REFUSED);
            }
        }
    }

    @Test
    void aFailureHandlingARecordIsShownAndTheResumeDeliversTheRecordAgain() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            Collector c = new Collector();
            AtomicBoolean thrown = new AtomicBoolean();
            LogListener failing = new LogListener() {
                @Override
                public void onRecord(LogEntry e) {
                    if (e.message().equals("boom") && !thrown.getAndSet(true)) {
                        throw new OutOfMemoryError("Java heap space"); // as 1,500 records of 2 MB once did
                    }
                    c.onRecord(e);
                }

                @Override
                public void onStatus(SourceStatus st) {
                    c.onStatus(st);
                }

                @Override
                public void onServerError(String source, String error) {
                    c.onServerError(source, error);
                }
            };
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(), FAST_RETRY, failing).start()) {
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                fx.logger("a").info("before");
                fx.logger("a").info("boom");
                fx.logger("a").info("after");
                ControllerFixture.await("the record after it", () -> c.has("after"));
                assertThat(c.messages()).containsExactly("before", "boom", "after");
                assertThat(c.statuses).anyMatch(st -> st.state() == ConnectionState.RECONNECTING
                        && st.detail().equals("dropped the connection after failing on a message: java.lang.OutOfMemoryError: Java heap space"));
                assertThat(c.errors).anyMatch(e -> e.contains("OutOfMemoryError") && e.endsWith("reconnecting"));
                ControllerFixture.await("connected again", () -> s.status().state() == ConnectionState.CONNECTED);
                assertThat(s.status().detail()).isEqualTo("resumed: 2 recovered");
            }
        }
    }

    /** Subscribes to a scripted controller, sends it {@code notices} after a record of seq 10, and collects. */
    private static RecordStore afterNotices(Collector c, String... notices) throws Exception {
        try (ScriptedController sc = new ScriptedController();
             LogSubscription s = new LogSubscription("127.0.0.1", sc.port(), FAST_RETRY, c).start()) {
            ScriptedController.Peer p = sc.accept();
            p.send(ScriptedController.welcome(false, null, ScriptedController.LOG_SERVICE));
            String ch = p.next(m -> "join_channel".equals(m.path("cmd").asText())).get("channel").asText();
            p.answerProbe(p.next(m -> m.has("test")));
            p.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"ten\",\"seq\":10,\"levelname\":\"INFO\",\"name\":\"a\"}");
            for (String n : notices) {
                p.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"lost\",\"levelname\":\"WARNING\",\"name\":\"messenger.log_service\","
                        + n + "}");
            }
            p.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"end\",\"seq\":100,\"levelname\":\"INFO\",\"name\":\"a\"}");
            ControllerFixture.await("the last record", () -> c.has("end"));
        }
        RecordStore store = new RecordStore(100);
        c.records.forEach(store::add);
        return store;
    }

    @Test
    void gapNoticesWhoseCountsMakeNoSenseAreShownMalformedAndNotCounted() throws Exception {
        Collector c = new Collector();
        RecordStore store = afterNotices(c,
                "\"dropped\":9223372036854775807,\"gap\":[11,15]",
                "\"dropped\":9223372036854775796,\"gap\":[11,9223372036854775806]",
                "\"dropped\":5,\"gap\":[3,7]",
                "\"dropped\":5",
                "\"dropped\":-5,\"gap\":[11,15]",
                "\"dropped\":2,\"gap\":[15,11]",
                "\"dropped\":2,\"gap\":[\"x\",12]");
        assertThat(store.dropped()).isZero();
        List<String> notices = c.messages().subList(1, 8);
        assertThat(notices).containsExactly(
                "[malformed gap notice, not counted: dropped 9223372036854775807 does not fit gap [11, 15]] lost",
                "[malformed gap notice, not counted: gap [11, 9223372036854775806] is more records than a controller logs in 1 s, "
                        + "the time since the last record] lost",
                "[malformed gap notice, not counted: gap [3, 7] reaches back into records already received (up to seq 10)] lost",
                "[malformed gap notice, not counted: no gap [first seq, last seq] with its count] lost",
                "[malformed gap notice, not counted: dropped -5 does not fit gap [11, 15]] lost",
                "[malformed gap notice, not counted: gap [15, 11] is not a range of seqs] lost",
                "[malformed gap notice, not counted: no gap [first seq, last seq] with its count] lost");
    }

    @Test
    void aGapNoticeThatFitsIsCountedAsTheControllerSaysAndOneOfAFilteredSubscriberToo() throws Exception {
        Collector c = new Collector();
        RecordStore store = afterNotices(c, "\"dropped\":5,\"gap\":[11,15]", "\"dropped\":3,\"gap\":[16,40]");
        assertThat(store.dropped()).isEqualTo(8);
        assertThat(c.messages()).containsExactly("ten", "lost", "lost", "end");
    }
}

package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import io.poxlog.viewer.client.LogSubscriptionTest.Collector;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A controller restart as the viewer sees it: the welcome names a new run of the log
 * ({@code log_id}), and the subscription shows that run from its first record after a marker,
 * instead of resuming with a {@code since} of the old run.
 */
class LogSubscriptionRestartTest {
    private static final SubscriptionOptions FAST_RETRY =
            SubscriptionOptions.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(200));
    private static final String[] FEATURES = {"errors", "seq", "backlog", "since", "get_levels", "gap_notices", "log_id"};

    /** A record of the scripted controller's log, logged {@code agoSeconds} before now. */
    private static String record(String channel, long seq, String message, double agoSeconds) {
        return "{\"CHANNEL\":\"" + channel + "\",\"message\":\"" + message + "\",\"seq\":" + seq + ",\"levelname\":\"INFO\","
                + "\"levelno\":20,\"name\":\"app\",\"created\":" + (System.currentTimeMillis() / 1000.0 - agoSeconds) + "}";
    }

    /** Accepts a connection, welcomes it with {@code logId}, answers the join's probe; returns the join. */
    private static JsonNode subscribed(ScriptedController sc, ScriptedController.Peer[] peer, String logId) throws Exception {
        ScriptedController.Peer p = sc.accept();
        peer[0] = p;
        p.send(ScriptedController.welcome(false, logId, FEATURES));
        JsonNode join = p.next(m -> "join_channel".equals(m.path("cmd").asText()));
        p.answerProbe(p.next(m -> m.has("test")));
        return join;
    }

    @Test
    void aNewLogIdIsARestartTheNewRunIsShownFromItsFirstRecordAfterAMarker() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Collector c = new Collector();
            ScriptedController.Peer[] p = new ScriptedController.Peer[1];
            try (LogSubscription s = new LogSubscription("127.0.0.1", sc.port(), FAST_RETRY, c).start()) {
                JsonNode first = subscribed(sc, p, "run-a");
                assertThat(first.has("since")).isFalse();
                String ch = first.get("channel").asText();
                for (int i = 1; i <= 3; i++) {
                    p[0].send(record(ch, i, "old " + i, 0));
                }
                ControllerFixture.await("the old run's records", () -> c.has("old 3"));
                p[0].close();

                ScriptedController.Peer[] q = new ScriptedController.Peer[1];
                JsonNode join = subscribed(sc, q, "run-b");
                assertThat(join.get("since").asLong()).as("everything the new run retains").isZero();
                assertThat(join.get("log_id").asText()).isEqualTo("run-b");
                q[0].send(record(ch, 1, "start-up 1", 5)).send(record(ch, 2, "start-up 2", 5)).send(record(ch, 3, "live", 0));
                ControllerFixture.await("the new run's records", () -> c.has("live"));
                List<String> got = c.messages();
                String marker = "127.0.0.1:" + sc.port() + " restarted: a new run of its log (run-b); records of the old run "
                        + "after seq 3 not seen: unknown";
                assertThat(got).containsExactly("old 1", "old 2", "old 3", marker, "start-up 1", "start-up 2", "live");
                LogEntry m = c.restarts.get(0);
                assertThat(m.logger()).isEqualTo("pox-log");
                assertThat(m.levelName()).isEqualTo("WARNING");
                ControllerFixture.await("the status says what happened", () -> s.status().detail().equals(
                        "restarted: 2 records of the new run recovered; records of the old run after seq 3 not seen: unknown"));
                assertThat(s.status().detail()).doesNotContain("resumed");
            }
        }
    }

    @Test
    void theSameLogIdIsAReconnectThatResumesWithSinceAndTheId() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Collector c = new Collector();
            ScriptedController.Peer[] p = new ScriptedController.Peer[1];
            try (LogSubscription s = new LogSubscription("127.0.0.1", sc.port(), FAST_RETRY, c).start()) {
                String ch = subscribed(sc, p, "run-a").get("channel").asText();
                p[0].send(record(ch, 41, "seen", 0));
                ControllerFixture.await("a record", () -> c.has("seen"));
                p[0].close();
                JsonNode join = subscribed(sc, p, "run-a");
                assertThat(join.get("since").asLong()).isEqualTo(41);
                assertThat(join.get("log_id").asText()).isEqualTo("run-a");
                ControllerFixture.await("connected again", () -> s.status().state() == ConnectionState.CONNECTED);
                assertThat(s.status().detail()).isEqualTo("resumed after seq 41");
                assertThat(c.restarts).isEmpty();
            }
        }
    }

    @Test
    void aLogIdThatAppearsOrGoesIsARestartToo() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            Collector c = new Collector();
            ScriptedController.Peer[] p = new ScriptedController.Peer[1];
            try (LogSubscription s = new LogSubscription("127.0.0.1", sc.port(), FAST_RETRY, c).start()) {
                String ch = subscribed(sc, p, null).get("channel").asText();
                p[0].send(record(ch, 7, "before", 0));
                ControllerFixture.await("a record", () -> c.has("before"));
                p[0].close();
                assertThat(subscribed(sc, p, "run-new").get("since").asLong()).isZero();
                p[0].close();
                JsonNode join = subscribed(sc, p, null);
                assertThat(join.get("since").asLong()).isZero();
                assertThat(join.has("log_id")).isFalse();
                ControllerFixture.await("two markers", () -> c.restarts.size() == 2);
                assertThat(c.restarts.get(0).message()).endsWith("records of the old run after seq 7 not seen: unknown");
                assertThat(c.restarts.get(1).message()).endsWith("records of the old run not seen: unknown");
            }
        }
    }

    @Test
    void aRealControllerRestartedOnTheSamePortIsShownFromItsStartUpLines() throws Exception {
        ControllerFixture a = new ControllerFixture();
        assertThat(namesItsLog(a.port())).as("the welcome names the run of the log").isTrue();
        Collector c = new Collector();
        try (LogSubscription s = new LogSubscription("127.0.0.1", a.port(),
                SubscriptionOptions.defaults().withRetry(Duration.ofMillis(300), Duration.ofMillis(300)), c).start()) {
            ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
            for (int i = 0; i < 5; i++) {
                a.logger("app").info("old {}", i);
            }
            ControllerFixture.await("the old run", () -> c.has("old 4"));
            try (ControllerFixture b = ControllerFixture.restart(a, fx -> {
                for (int i = 0; i < 3; i++) {
                    fx.logger("app").info("start-up {}", i);
                }
            })) {
                b.logger("app").info("live after restart");
                ControllerFixture.await("the new run, live", () -> c.has("live after restart"));
                assertThat(c.messages()).containsSubsequence("old 4", "start-up 0", "start-up 1", "start-up 2", "live after restart");
                assertThat(c.restarts).hasSize(1);
                assertThat(c.restarts.get(0).message()).contains("restarted: a new run of its log")
                        .endsWith("records of the old run after seq 5 not seen: unknown");
                ControllerFixture.await("the status says so", () -> s.status().detail().startsWith("restarted: "));
            }
        }
    }

    private static boolean namesItsLog(int port) throws IOException, InterruptedException {
        try (WireClient w = WireClient.connect(new InetSocketAddress("127.0.0.1", port))) {
            return w.welcome().has("log_id");
        }
    }
}

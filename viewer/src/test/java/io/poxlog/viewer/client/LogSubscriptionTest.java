package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.testing.ControllerFixture;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The viewer's subscription: subscribe, set levels, reconnect with backoff, resume with since. */
class LogSubscriptionTest {
    private static final SubscriptionOptions FAST_RETRY =
            SubscriptionOptions.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(200));

    /** Collects what a subscriber reports. */
    static final class Collector implements LogListener {
        final List<LogEntry> records = new CopyOnWriteArrayList<>();
        final List<SourceStatus> statuses = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        final List<LogEntry> restarts = new CopyOnWriteArrayList<>();

        @Override
        public void onRecord(LogEntry entry) {
            records.add(entry);
        }

        @Override
        public void onRestart(LogEntry marker) {
            restarts.add(marker);
            records.add(marker);
        }

        @Override
        public void onStatus(SourceStatus status) {
            statuses.add(status);
        }

        @Override
        public void onServerError(String source, String error) {
            errors.add(error);
        }

        boolean has(String text) {
            return records.stream().anyMatch(r -> r.message().contains(text));
        }

        List<String> messages() {
            return records.stream().map(LogEntry::message).collect(Collectors.toList());
        }
    }

    @Test
    void subscribesWithJsonAndSetsOnlyTheLevelsItWasAskedTo() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("untouched").setLevel(Level.WARN);
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(),
                    FAST_RETRY.withSetLevels(Map.of("openflow", "DEBUG")), c).start()) {
                ControllerFixture.await("levels set", () -> Level.DEBUG.equals(fx.logger("openflow").getLevel()));
                fx.logger("openflow.of_01").info("switch up");
                ControllerFixture.await("the record arrives", () -> c.has("switch up"));
                LogEntry e = c.records.get(c.records.size() - 1);
                assertThat(e.source()).isEqualTo("127.0.0.1:" + fx.port());
                assertThat(e.levelName()).isEqualTo("INFO");
                assertThat(e.logger()).isEqualTo("openflow.of_01");
                assertThat(e.seq()).isPositive();
                // Records may come before the probe's answer that makes the status CONNECTED.
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                assertThat(fx.logger("untouched").getLevel()).isEqualTo(Level.WARN);
                assertThat(fx.root().getLevel()).isEqualTo(Level.DEBUG);
                JsonNode levels = s.getLevels().get(5, TimeUnit.SECONDS);
                assertThat(levels.at("/openflow/configured").asText()).isEqualTo("DEBUG");
            }
        }
    }

    @Test
    void reconnectsByItselfAndResumesWithoutLosingWhatTheServerRetains() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(), FAST_RETRY, c).start()) {
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                fx.logger("a").info("before");
                ControllerFixture.await("first record", () -> c.has("before"));
                fx.disconnectAll();
                ControllerFixture.await("it notices", () -> s.status().state() == ConnectionState.RECONNECTING);
                for (int i = 0; i < 30; i++) {
                    fx.logger("a").info("during-{}", i);
                }
                fx.reconnectable();
                fx.logger("a").info("after");
                ControllerFixture.await("the live record after the outage", () -> c.has("after"));
                List<String> got = c.messages();
                for (int i = 0; i < 30; i++) {
                    assertThat(got).contains("during-" + i);
                }
                long[] seqs = c.records.stream().filter(r -> r.message().matches("before|during-\\d+|after"))
                        .mapToLong(LogEntry::seq).toArray();
                for (int i = 1; i < seqs.length; i++) {
                    assertThat(seqs[i]).as("consecutive seqs, nothing twice").isEqualTo(seqs[i - 1] + 1);
                }
                ControllerFixture.await("status reports the recovery",
                        () -> s.status().detail().startsWith("resumed: ") && s.status().detail().contains("recovered"));
                assertThat(c.statuses).anyMatch(st -> st.state() == ConnectionState.RECONNECTING
                        && st.describe(st.retryAtMillis() - 1000).matches("127\\.0\\.0\\.1:\\d+ reconnecting in \\d+ s \\(.+\\)"));
            }
        }
    }

    @Test
    void aResumeBeyondWhatIsRetainedReportsTheLoss() throws Exception {
        try (ControllerFixture fx = new ControllerFixture(LogServiceConfig.DEFAULTS.withRetain(5))) {
            Collector c = new Collector();
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(), FAST_RETRY, c).start()) {
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                fx.logger("a").info("before");
                ControllerFixture.await("first record", () -> c.has("before"));
                fx.disconnectAll();
                ControllerFixture.await("it notices", () -> s.status().state() == ConnectionState.RECONNECTING);
                for (int i = 0; i < 20; i++) {
                    fx.logger("a").info("during-{}", i);
                }
                fx.reconnectable();
                ControllerFixture.await("the gap is reported", () -> c.records.stream().anyMatch(LogEntry::isGapNotice));
                LogEntry gap = c.records.stream().filter(LogEntry::isGapNotice).findFirst().orElseThrow();
                assertThat(gap.dropped()).isEqualTo(15);
                ControllerFixture.await("status says so", () -> s.status().detail().contains("15 lost"));
            }
        }
    }

    @Test
    void worksAgainstAPlainPoxServerWithoutSeqOrFeaturesAndSendsOnlyWhatPoxUnderstands() throws Exception {
        try (ServerSocket pox = new ServerSocket(0)) {
            Collector c = new Collector();
            SubscriptionOptions levels = FAST_RETRY.withSetLevels(Map.of("openflow", "TRACE", "web", "15"));
            try (LogSubscription s = new LogSubscription("127.0.0.1", pox.getLocalPort(), levels, c).start();
                 Socket con = pox.accept()) {
                OutputStream out = con.getOutputStream();
                out.write("{\"CHANNEL\": \"\", \"cmd\": \"welcome\", \"session_id\": \"abc\"}".getBytes(StandardCharsets.UTF_8));
                out.flush();
                ObjectMapper mapper = new ObjectMapper();
                var parser = mapper.getFactory().createParser(con.getInputStream());
                assertThat(parser.nextToken()).isNotNull();
                JsonNode join = mapper.readTree(parser);
                assertThat(join.get("cmd").asText()).isEqualTo("join_channel");
                assertThat(join.get("json").asBoolean()).isTrue();
                assertThat(join.has("since")).isFalse();
                String ch = join.get("channel").asText();
                // Python's logging refuses "TRACE" and "15" as text (and POX then stops reading
                // the connection): they go as numbers.
                assertThat(parser.nextToken()).isNotNull();
                JsonNode set = mapper.readTree(parser);
                assertThat(set.get("CHANNEL").asText()).isEqualTo(ch);
                assertThat(set.get("setLevels").get("openflow").isInt()).isTrue();
                assertThat(set.get("setLevels").get("openflow").asInt()).isEqualTo(5);
                assertThat(set.get("setLevels").get("web").asInt()).isEqualTo(15);
                ControllerFixture.await("connected without a probe POX would log",
                        () -> s.status().state() == ConnectionState.CONNECTED);

                out.write(("{\"message\": \"INFO:core:POX is up\", \"levelname\": \"INFO\", \"name\": \"core\", "
                        + "\"created\": 1795629852.3996131, \"CHANNEL\": \"" + ch + "\"}").getBytes(StandardCharsets.UTF_8));
                out.flush();
                ControllerFixture.await("the POX record arrives", () -> c.has("POX is up"));
                LogEntry e = c.records.get(0);
                assertThat(e.seq()).isEqualTo(-1);
                assertThat(e.levelNo()).isEqualTo(20);
                assertThat(e.created()).isEqualTo(1795629852.3996131);
                assertThat(io.poxlog.viewer.model.JsonLines.of(e, false)).contains("\"created\":1795629852.3996131");

                // get_levels would make POX stop reading: it fails here instead of being sent.
                assertThat(s.getLevels()).isCompletedExceptionally();
                assertThat(s.setLevel("openflow.of_01", "debug").queued()).isTrue();
                assertThat(parser.nextToken()).isNotNull();
                JsonNode next = mapper.readTree(parser);
                assertThat(next.get("setLevels").get("openflow.of_01").asText()).isEqualTo("DEBUG");
            }
        }
    }

    @Test
    void closeStopsItsThreadPromptlyEvenWhileReconnecting() throws Exception {
        int freePort;
        try (ServerSocket probe = new ServerSocket(0)) {
            freePort = probe.getLocalPort();
        }
        Collector c = new Collector();
        LogSubscription s = new LogSubscription("127.0.0.1", freePort,
                SubscriptionOptions.defaults().withRetry(Duration.ofSeconds(30), Duration.ofSeconds(30)), c).start();
        ControllerFixture.await("it is waiting to retry", () -> s.status().state() == ConnectionState.RECONNECTING);
        assertThat(s.status().detail()).containsIgnoringCase("refused");
        s.close();
        s.await(5, TimeUnit.SECONDS);
        assertThat(s.status().state()).isEqualTo(ConnectionState.CLOSED);
    }
}

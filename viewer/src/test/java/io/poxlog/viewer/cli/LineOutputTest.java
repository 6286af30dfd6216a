package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.testing.ControllerFixture;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** --plain and --json against a real controller. */
class LineOutputTest {

    private static String text(ByteArrayOutputStream b, PrintStream lock) {
        synchronized (lock) {
            lock.flush();
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    private interface Scenario {
        void run(ControllerFixture fx) throws Exception;
    }

    private String capture(boolean json, boolean terminal, Filter filter, String until, Scenario scenario) throws Exception {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(outBytes, false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        try (ControllerFixture fx = new ControllerFixture()) {
            LineOutput output = new LineOutput(out, err, json ? new JsonFormat(false, terminal)
                    : new PlainFormat(false, false, null, terminal), terminal ? Terminals.ALL : Terminals.NONE, filter);
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(), SubscriptionOptions.defaults(), output).start()) {
                ControllerFixture.await("subscribed", () -> s.status().state() == ConnectionState.CONNECTED);
                scenario.run(fx);
                ControllerFixture.await("the last record is printed", () -> text(outBytes, out).contains(until));
            }
        }
        return text(outBytes, out);
    }

    @Test
    void plainPrintsPoxsLineFormat() throws Exception {
        String got = capture(false, false, Filter.ALL, "done", fx -> {
            fx.logger("openflow.of_01").info("[{}] connected", "00-00-00-00-00-01");
            fx.logger("web").warn("done");
        });
        assertThat(got.lines().toList()).containsExactly("INFO|openflow.of_01|[00-00-00-00-00-01] connected", "WARNING|web|done");
    }

    @Test
    void grepAndMinLevelApplyInPlainMode() throws Exception {
        Filter f = Filter.ALL.withMinLevel(30).withInclude(Pattern.compile("switch|done"));
        String got = capture(false, false, f, "done", fx -> {
            fx.logger("a").warn("switch lost");
            fx.logger("a").info("switch found");
            fx.logger("a").error("unrelated");
            fx.logger("a").error("done");
        });
        assertThat(got.lines().toList()).containsExactly("WARNING|a|switch lost", "ERROR|a|done");
    }

    @Test
    void jsonPrintsOneRecordPerLine() throws Exception {
        String got = capture(true, false, Filter.ALL, "second", fx -> {
            fx.logger("a").info("first");
            fx.logger("b").error("second");
        });
        List<String> lines = got.lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode r = new ObjectMapper().readTree(lines.get(1));
        assertThat(r.get("message").asText()).isEqualTo("second");
        assertThat(r.get("levelname").asText()).isEqualTo("ERROR");
        assertThat(r.get("seq").asLong()).isPositive();
    }

    @Test
    void oneOutageIsSaidOnceHoweverManyRetriesItTakesAndSoIsTheReturn() throws Exception {
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        try (ControllerFixture fx = new ControllerFixture()) {
            LineOutput output = new LineOutput(new PrintStream(new ByteArrayOutputStream()), err,
                    new PlainFormat(false, false, null, false), Terminals.NONE, Filter.ALL);
            java.util.concurrent.atomic.AtomicInteger retries = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicInteger records = new java.util.concurrent.atomic.AtomicInteger();
            LogListener counting = new LogListener() {
                @Override
                public void onRecord(io.poxlog.viewer.model.LogEntry e) {
                    records.incrementAndGet();
                    output.onRecord(e);
                }

                @Override
                public void onStatus(SourceStatus st) {
                    if (st.state() == ConnectionState.RECONNECTING) {
                        retries.incrementAndGet();
                    }
                    output.onStatus(st);
                }
            };
            SubscriptionOptions fast = SubscriptionOptions.defaults().withRetry(java.time.Duration.ofMillis(20),
                    java.time.Duration.ofMillis(40));
            try (LogSubscription s = new LogSubscription("127.0.0.1", fx.port(), fast, counting).start()) {
                ControllerFixture.await("subscribed", () -> s.status().state() == ConnectionState.CONNECTED);
                fx.logger("a").info("one");
                ControllerFixture.await("a record", () -> records.get() == 1);
                fx.disconnectAll();
                ControllerFixture.await("five retries", () -> retries.get() >= 5);
                fx.reconnectable();
                ControllerFixture.await("subscribed again", () -> s.status().state() == ConnectionState.CONNECTED);
            }
        }
        List<String> said = errBytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(said).hasSize(3);
        assertThat(said.get(0)).matches("== Connected to 127\\.0\\.0\\.1:\\d+ ==");
        assertThat(said.get(1)).matches("== Disconnected from 127\\.0\\.0\\.1:\\d+: .+; reconnecting with backoff ==");
        assertThat(said.get(2)).matches("== Connected to 127\\.0\\.0\\.1:\\d+: resumed after seq 1 ==");
    }

    @Test
    void escapeSequencesAreShownHarmlesslyOnATerminal() throws Exception {
        String got = capture(false, true, Filter.ALL, "hi", fx ->
                fx.logger("evil").info("\u001b[2J\u001b]0;pwned\u0007 hi"));
        assertThat(got).isEqualTo("INFO|evil|^[[2J^[]0;pwned^G hi\n");
        assertThat(got.chars()).noneMatch(c -> c == 0x1b || c == 0x07);
    }
}

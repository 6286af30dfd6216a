package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.viewer.client.LogSubscriber;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.SubscriberOptions;
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
            LineOutput output = new LineOutput(out, err, json, terminal, false, filter, () -> { });
            try (LogSubscriber s = new LogSubscriber("127.0.0.1", fx.port(), SubscriberOptions.defaults(), output).start()) {
                ControllerFixture.await("subscribed", () -> s.status().state() == SourceStatus.State.CONNECTED);
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
    void escapeSequencesAreShownHarmlesslyOnATerminal() throws Exception {
        String got = capture(false, true, Filter.ALL, "hi", fx ->
                fx.logger("evil").info("\u001b[2J\u001b]0;pwned\u0007 hi"));
        assertThat(got).isEqualTo("INFO|evil|^[[2J^[]0;pwned^G hi\n");
        assertThat(got.chars()).noneMatch(c -> c == 0x1b || c == 0x07);
    }
}

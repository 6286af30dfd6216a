package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.viewer.testing.ControllerFixture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 6: {@code --plain} through a real pipe is one record per line, so that {@code
 * grep} and {@code wc -l} count records; {@code --multiline} prints traces whole, indented;
 * {@code --timestamps}.
 */
class PlainLinesTest {

    private static void logTraceAndAfter(ControllerFixture fx) {
        fx.logger("openflow.of_01").error("handler failed", new IllegalStateException("boom"));
        fx.logger("openflow.of_01").info("after");
    }

    @Test
    void aStackTraceIsOneLineSoGrepAndWcCountRecords() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            logTraceAndAfter(fx);
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--backlog", "2", "--port", String.valueOf(fx.port()))) {
                List<String> lines = p.lines(2);
                assertThat(lines.get(0)).startsWith("ERROR|openflow.of_01|handler failed \u23ce java.lang.IllegalStateException: boom"
                        + " \u23ce \tat io.poxlog.viewer.cli.PlainLinesTest.logTraceAndAfter(");
                assertThat(lines.get(1)).isEqualTo("INFO|openflow.of_01|after");
            }
        }
    }

    @Test
    void multilinePrintsTracesWholeEachContinuationIndentedSoRecordsStillStartLines() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            logTraceAndAfter(fx);
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--multiline", "--backlog", "2", "--port",
                    String.valueOf(fx.port()))) {
                List<String> lines = new ArrayList<>();
                for (String l = p.line(); !l.equals("INFO|openflow.of_01|after"); l = p.line()) {
                    lines.add(l);
                }
                assertThat(lines.get(0)).isEqualTo("ERROR|openflow.of_01|handler failed");
                assertThat(lines.get(1)).isEqualTo("    java.lang.IllegalStateException: boom");
                assertThat(lines.get(2)).startsWith("    \tat io.poxlog.viewer.cli.PlainLinesTest.logTraceAndAfter(");
                assertThat(lines.subList(1, lines.size())).hasSizeGreaterThan(5).allMatch(l -> l.startsWith("    "));
            }
        }
    }

    @Test
    void timestampsBeginEachLineWithTheRecordsTime() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            fx.logger("web").warn("slow");
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--timestamps", "--backlog", "1", "--port",
                    String.valueOf(fx.port()))) {
                assertThat(p.line()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)\\|WARNING\\|web\\|slow");
            }
        }
    }
}

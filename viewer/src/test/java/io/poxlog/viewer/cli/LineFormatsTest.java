package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.model.LogEntry;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The line modes' formats on their own: what a terminal is given, and what a pipe is. */
class LineFormatsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static LogEntry entry(String message) {
        ObjectNode raw = MAPPER.createObjectNode().put("message", message).put("levelname", "ERROR").put("name", "a")
                .put("created", 1795629852.386);
        return new LogEntry("c1:7790", 7, 1795629852.386, "ERROR", 40, "a", message, 0, raw);
    }

    @Test
    void jsonOnATerminalEscapesWhatJsonLeavesRawAndStaysTheSameJson() throws Exception {
        String message = "csi \u009b31m bidi \u202e zero width \u200b sep \u2028 tag \udb40\udc01 lone \ud800 ok \u00e9 \ud83d\ude00";
        String shown = new JsonFormat(false, true).format(entry(message));
        assertThat(shown).doesNotContain("\u009b", "\u202e", "\u200b", "\u2028", "\udb40\udc01")
                .contains("\\u009b", "\\u202e", "\\u200b", "\\u2028", "\\udb40\\udc01", "\\ud800", "\u00e9", "\ud83d\ude00");
        assertThat(MAPPER.readTree(shown).get("message").asText()).isEqualTo(message);
        assertThat(new JsonFormat(false, false).format(entry(message))).contains("\u009b");
    }

    @Test
    void plainIntoAPipeKeepsTheTextAndOnlyJoinsItsLines() {
        PlainFormat pipe = new PlainFormat(true, false, null, false);
        assertThat(pipe.format(entry("one\r\ntwo\nthree\u001b[0m"))).isEqualTo("c1:7790|ERROR|a|one \u23ce two \u23ce three\u001b[0m");
        PlainFormat terminal = new PlainFormat(false, true, ZoneOffset.UTC, true);
        assertThat(terminal.format(entry("one\n\tat x\u001b]0;t\u0007"))).isEqualTo(
                "2026-11-25T18:04:12.386Z|ERROR|a|one\n    \tat x^[]0;t^G");
    }
}

package io.poxlog.viewer.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogEntryTest {
    private static final byte[] RECORD = "{\"seq\":7,\"created\":1795629852.3996131,\"message\":\"hi\"}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void eachTreeIsTheCallersOwnAndKeepsNumbersAsWritten() {
        LogEntry e = LogEntry.ofBytes("c:7790", 7, 1.0, "INFO", 20, "x", "hi", 0, RECORD);
        e.tree().put("source", "changed");
        assertThat(e.tree().has("source")).isFalse();
        assertThat(e.tree().get("created").toString()).isEqualTo("1795629852.3996131");
        assertThat(e.tree()).isNotSameAs(e.tree());
    }
}

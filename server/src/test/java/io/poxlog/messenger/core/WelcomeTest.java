package io.poxlog.messenger.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The welcome's extra fields: a service's extension, which cannot touch the messenger's own keys. */
class WelcomeTest {
    private static final Connection CONNECTION = new Connection("s1") {
        @Override public void sendEncoded(byte[] object) { }
        @Override public void sendEncoded(byte[] head, byte[] body, boolean flush) { }
        @Override public void flush() { }
        @Override public boolean isWritable() { return true; }
        @Override public boolean isOpen() { return true; }
        @Override public void close() { }
        @Override public void sendAndClose(com.fasterxml.jackson.databind.JsonNode message) { }
        @Override public String toString() { return "test"; }
    };

    @Test
    void aRegisteredFieldIsInEveryWelcomeAndASecondValueReplacesTheFirst() {
        Welcome w = new Welcome();
        assertThat(w.to(CONNECTION, false).has("log_id")).isFalse();
        w.putField("log_id", "a");
        w.putField("log_id", "b");
        ObjectNode m = w.to(CONNECTION, false);
        assertThat(m.get("log_id").asText()).isEqualTo("b");
        assertThat(m.get("session_id").asText()).isEqualTo("s1");
    }

    @Test
    void theMessengersOwnKeysCannotBeReplaced() {
        Welcome w = new Welcome();
        assertThatThrownBy(() -> w.putField("session_id", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'session_id'");
        assertThat(w.to(CONNECTION, false).get("session_id").asText()).isEqualTo("s1");
    }
}

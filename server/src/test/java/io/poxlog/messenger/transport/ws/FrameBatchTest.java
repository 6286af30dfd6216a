package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The log service's batch for one WebSocket: one frame per message, owned by one thread until drained. */
class FrameBatchTest {
    private static final byte[] HEAD = "{\"CHANNEL\":\"log_x\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"message\":\"m\",\"seq\":1}".getBytes(StandardCharsets.US_ASCII);

    @Test
    void eachMessageBecomesOneWholeFrameInOrder() {
        FrameBatch b = new FrameBatch();
        b.add(HEAD, BODY);
        b.add(HEAD, "\"seq\":2}".getBytes(StandardCharsets.US_ASCII));
        assertThat(b.bytes()).isEqualTo(2L * HEAD.length + BODY.length + 8);
        TextWebSocketFrame[] frames = b.drain();
        assertThat(frames).hasSize(2);
        assertThat(frames[0].text()).isEqualTo("{\"CHANNEL\":\"log_x\",\"message\":\"m\",\"seq\":1}");
        assertThat(frames[1].text()).isEqualTo("{\"CHANNEL\":\"log_x\",\"seq\":2}");
        for (TextWebSocketFrame f : frames) {
            f.release();
        }
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
    }

    @Test
    void oneThreadOwnsABatchUntilItIsDrainedAsConnectionSays() throws Exception {
        FrameBatch b = new FrameBatch();
        b.add(HEAD, BODY);
        Throwable other = CompletableFuture.supplyAsync(() -> {
            try {
                b.add(HEAD, BODY);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }).get();
        assertThat(other).as("with assertions on (surefire's default)").isInstanceOf(AssertionError.class)
                .hasMessageContaining("one thread owns a batch until its flush");
        b.clear();
        CompletableFuture.runAsync(() -> b.add(HEAD, BODY)).get(); // emptied: anyone's again
        assertThat(b.bytes()).isEqualTo(HEAD.length + BODY.length);
    }
}

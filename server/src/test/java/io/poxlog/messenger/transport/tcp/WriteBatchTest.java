package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The log service's batch for one connection: written whole, and its memory let go after a big one. */
class WriteBatchTest {
    private static final byte[] HEAD = "{\"CHANNEL\":\"log_x\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"message\":\"m\",\"seq\":1}".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aBatchIsWrittenAsOneBufferInOrderWithItsNewlines() {
        WriteBatch b = new WriteBatch();
        b.add(HEAD, BODY, true);
        b.add(HEAD, BODY, false);
        assertThat(b.bytes()).isEqualTo(2 * (HEAD.length + BODY.length) + 1);
        ByteBuf buf = b.drainInto(UnpooledByteBufAllocator.DEFAULT);
        try {
            String whole = new String(HEAD, StandardCharsets.US_ASCII) + new String(BODY, StandardCharsets.US_ASCII);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(whole + "\n" + whole);
        } finally {
            buf.release();
        }
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
    }

    @Test
    void theArrayGrownForOneBigBatchIsLetGoOnceItIsWrittenOrCleared() {
        // A connection in 64 subscriptions, given one turn of 1,024 records with newlines: the
        // array of parts grew to 262,144 references and was kept for the connection's life.
        WriteBatch b = new WriteBatch();
        for (int i = 0; i < 64 * 1024; i++) {
            b.add(HEAD, BODY, true);
        }
        assertThat(b.capacity()).isGreaterThan(WriteBatch.KEEP_PARTS);
        b.drainInto(UnpooledByteBufAllocator.DEFAULT).release();
        assertThat(b.capacity()).isLessThanOrEqualTo(WriteBatch.KEEP_PARTS);

        for (int i = 0; i < 64 * 1024; i++) {
            b.add(HEAD, BODY, true);
        }
        b.clear();
        assertThat(b.capacity()).isLessThanOrEqualTo(WriteBatch.KEEP_PARTS);
        assertThat(b.isEmpty()).isTrue();
    }

    @Test
    void aBatchOfOneTurnOfRecordsKeepsItsArray() {
        // Two drains of the log service (1,024 records each, for a connection in two
        // subscriptions) or one replay's turn must not allocate anew each turn.
        WriteBatch b = new WriteBatch();
        for (int turn = 0; turn < 3; turn++) {
            for (int i = 0; i < 2048; i++) {
                b.add(HEAD, BODY, true);
            }
            int grown = b.capacity();
            b.drainInto(UnpooledByteBufAllocator.DEFAULT).release();
            assertThat(b.capacity()).isEqualTo(grown);
        }
    }

    @Test
    void oneThreadOwnsABatchUntilItIsWrittenAsConnectionSays() throws Exception {
        WriteBatch b = new WriteBatch();
        b.add(HEAD, BODY, false);
        java.util.concurrent.CompletableFuture<Throwable> other = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                b.add(HEAD, BODY, false);
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        assertThat(other.get()).as("with assertions on (surefire's default)").isInstanceOf(AssertionError.class)
                .hasMessageContaining("one thread owns a batch until its flush");
        b.drainInto(UnpooledByteBufAllocator.DEFAULT).release();
        java.util.concurrent.CompletableFuture.runAsync(() -> b.add(HEAD, BODY, false)).get(); // written: anyone's again
        assertThat(b.bytes()).isEqualTo(HEAD.length + BODY.length);
    }
}

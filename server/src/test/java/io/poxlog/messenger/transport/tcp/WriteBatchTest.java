package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The log service's batch for one connection: copied into direct chunks as it is added, written
 * whole and in order, and nothing held once written or cleared.
 */
class WriteBatchTest {
    /** The chunks' bytes one after another, as the connection writes them; each released. */
    private static String drained(WriteBatch b) {
        StringBuilder sb = new StringBuilder();
        for (ByteBuf chunk : b.drain()) {
            sb.append(chunk.toString(StandardCharsets.US_ASCII));
            chunk.release();
        }
        return sb.toString();
    }

    private static final byte[] HEAD = "{\"CHANNEL\":\"log_x\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"message\":\"m\",\"seq\":1}".getBytes(StandardCharsets.US_ASCII);
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);

    @Test
    void aBatchIsWrittenInOrderWithItsNewlines() {
        WriteBatch b = new WriteBatch(alloc);
        b.add(HEAD, BODY, true);
        b.add(HEAD, BODY, false);
        assertThat(b.bytes()).isEqualTo(2 * (HEAD.length + BODY.length) + 1);
        String whole = new String(HEAD, StandardCharsets.US_ASCII) + new String(BODY, StandardCharsets.US_ASCII);
        assertThat(drained(b)).isEqualTo(whole + "\n" + whole);
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
        assertThat(b.drain()).as("nothing to write").isEmpty();
    }

    @Test
    void aBatchOfManyChunksIsWrittenWholeAndInOrderEvenWhereAMessageSpansTwo() {
        WriteBatch b = new WriteBatch(alloc);
        StringBuilder expected = new StringBuilder();
        byte[] big = "x".repeat(3 * WriteBatch.CHUNK_BYTES / 2).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 5000; i++) {
            byte[] body = ("\"seq\":" + i + (i % 1000 == 7 ? ",\"big\":\"" + new String(big, StandardCharsets.US_ASCII) + "\"" : "")
                    + "}").getBytes(StandardCharsets.US_ASCII);
            b.add(HEAD, body, i % 2 == 0);
            expected.append(new String(HEAD, StandardCharsets.US_ASCII)).append(new String(body, StandardCharsets.US_ASCII))
                    .append(i % 2 == 0 ? "\n" : "");
        }
        assertThat(b.chunks()).isGreaterThan(2);
        assertThat(b.bytes()).isEqualTo(expected.length());
        assertThat(drained(b)).isEqualTo(expected.toString());
        assertThat(b.chunks()).isZero();
    }

    @Test
    void aClearedBatchLetsItsChunksGo() {
        long before = alloc.metric().usedDirectMemory();
        WriteBatch b = new WriteBatch(alloc);
        for (int i = 0; i < 64 * 1024; i++) {
            b.add(HEAD, BODY, true);
        }
        assertThat(alloc.metric().usedDirectMemory()).isGreaterThan(before);
        b.clear();
        assertThat(alloc.metric().usedDirectMemory()).isEqualTo(before);
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.chunks()).isZero();

        b.add(HEAD, BODY, false);
        drained(b);
        assertThat(alloc.metric().usedDirectMemory()).as("a written batch is the writer's to release").isEqualTo(before);
    }

    @Test
    void oneThreadOwnsABatchUntilItIsWrittenAsConnectionSays() throws Exception {
        WriteBatch b = new WriteBatch(alloc);
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
        drained(b);
        java.util.concurrent.CompletableFuture.runAsync(() -> b.add(HEAD, BODY, false)).get(); // written: anyone's again
        assertThat(b.bytes()).isEqualTo(HEAD.length + BODY.length);
        b.clear();
    }
}

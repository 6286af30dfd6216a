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
    private static final byte[] HEAD = "{\"CHANNEL\":\"log_x\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"message\":\"m\",\"seq\":1}".getBytes(StandardCharsets.US_ASCII);
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);

    @Test
    void aBatchIsWrittenAsOneBufferInOrderWithItsNewlines() {
        WriteBatch b = new WriteBatch(alloc);
        b.add(HEAD, BODY, true);
        b.add(HEAD, BODY, false);
        assertThat(b.bytes()).isEqualTo(2 * (HEAD.length + BODY.length) + 1);
        ByteBuf buf = b.drain();
        try {
            String whole = new String(HEAD, StandardCharsets.US_ASCII) + new String(BODY, StandardCharsets.US_ASCII);
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(whole + "\n" + whole);
        } finally {
            buf.release();
        }
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
        assertThat(b.drain()).as("nothing to write").isNull();
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
        ByteBuf buf = b.drain();
        try {
            assertThat(buf.readableBytes()).isEqualTo(expected.length());
            assertThat(buf.toString(StandardCharsets.US_ASCII)).isEqualTo(expected.toString());
        } finally {
            buf.release();
        }
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
        b.drain().release();
        assertThat(alloc.metric().usedDirectMemory()).as("a written batch is the writer's to release").isEqualTo(before);
    }
}

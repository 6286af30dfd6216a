package io.poxlog.messenger.transport.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The chunks both transports' batches are written in: the bytes come out in order, and what a
 * drained batch holds is at most twice its bytes, however small the batch (a peer that stops
 * reading holds every batch flushed to it, and its limits count bytes, not chunks).
 */
class PooledChunksTest {
    private final PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);

    @Test
    void aBatchOfOneSmallRecordHoldsNoWholeChunk() {
        PooledChunks c = new PooledChunks(alloc);
        c.claim();
        c.write(bytes(400, 'a'));
        ByteBuf[] out = c.drain();
        try {
            assertThat(out).hasSize(1);
            assertThat(out[0].readableBytes()).isEqualTo(400);
            assertThat(out[0].capacity()).isLessThan(2 * 400); // was a whole 64 KiB chunk
            assertThat(out[0].isDirect()).isTrue();
        } finally {
            release(out);
        }
    }

    @Test
    void everyChunkHeldIsAtLeastHalfUsedAndTheBytesComeOutInOrder() {
        PooledChunks c = new PooledChunks(alloc, 1024);
        byte[] all = new byte[0];
        for (int size : new int[] {1, 700, 2500, 30, 1023, 1024, 1025, 9}) {
            c.claim();
            byte[] part = bytes(size, (char) ('a' + size % 26));
            c.write(part);
            all = concat(all, part);
        }
        ByteBuf[] out = c.drain();
        try {
            byte[] got = new byte[0];
            for (ByteBuf b : out) {
                assertThat(b.readableBytes()).isPositive();
                assertThat(b.capacity()).isLessThanOrEqualTo(2 * b.readableBytes());
                byte[] part = new byte[b.readableBytes()];
                b.getBytes(b.readerIndex(), part);
                got = concat(got, part);
            }
            assertThat(got).isEqualTo(all);
        } finally {
            release(out);
        }
    }

    @Test
    void aPartStartedWithHeadroomAndEndedEarlyIsCompactedWithItsPrefix() {
        PooledChunks c = new PooledChunks(alloc);
        List<ByteBuf> held = new ArrayList<>();
        c.claim();
        c.startWithHeadroom(64 * 1024, 10);
        c.write(bytes(300, 'x'));
        c.prepend(new byte[] {1, 2});
        c.startWithHeadroom(64 * 1024, 10); // the first ended early: one short frame
        c.write(bytes(40_000, 'y'));
        c.prepend(new byte[] {3, 4, 5, 6});
        held.addAll(Arrays.asList(c.drain()));
        try {
            assertThat(held).hasSize(2);
            assertThat(held.get(0).readableBytes()).isEqualTo(302);
            assertThat(held.get(0).capacity()).isLessThan(2 * 302);
            assertThat(held.get(0).getByte(0)).isEqualTo((byte) 1);
            assertThat(held.get(1).readableBytes()).isEqualTo(40_004); // more than half used: kept as it is
            assertThat(held.get(1).getByte(held.get(1).readerIndex())).isEqualTo((byte) 3);
            assertThat(c.bytes()).isZero();
        } finally {
            release(held.toArray(new ByteBuf[0]));
        }
    }

    @Test
    void nothingWrittenIsNothingDrained() {
        PooledChunks c = new PooledChunks(alloc);
        assertThat(c.drain()).isEmpty();
        c.claim();
        c.startWithHeadroom(1024, 10);
        assertThat(c.drain()).isEmpty();
    }

    private static byte[] bytes(int n, char fill) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static void release(ByteBuf[] bufs) {
        for (ByteBuf b : bufs) {
            b.release();
        }
    }
}

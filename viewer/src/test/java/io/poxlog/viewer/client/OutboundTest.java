package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The client's outbound queue and its writer loop, without a socket. */
class OutboundTest {
    /** Counts the bytes flushed, as the controller would see them. */
    private static final class Flushed implements Wire {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        final AtomicLong flushed = new AtomicLong();

        @Override
        public void write(byte[] b) {
            pending.write(b, 0, b.length);
        }

        @Override
        public void flush() {
            flushed.addAndGet(pending.size());
            pending.reset();
        }

        @Override
        public void connect(int timeoutMillis, java.util.function.Consumer<String> phase) {
        }

        @Override
        public void readTimeout(int millis) {
        }

        @Override
        public byte[] next() {
            return null;
        }

        @Override
        public long skippedBytes() {
            return 0;
        }

        @Override
        public boolean endOfStream() {
            return true;
        }

        @Override
        public void abort() {
        }
    }

    @Test
    void aFlushThatSaysAllIsWrittenComesAfterTheBytesAreWritten() throws Exception {
        // pox-log set against POX sends, flushes and closes: a flush that answered "written" while
        // the writer had taken a message but not yet written it let the close drop it.
        Outbound q = new Outbound(1000);
        Flushed out = new Flushed();
        Thread writer = new Thread(() -> {
            try {
                q.writeUntilEnd(out);
            } catch (IOException | InterruptedException e) {
                // the test ends it
            }
        }, "test-writer");
        AtomicLong offered = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        byte[] m = "{}".getBytes();
        Thread producer = new Thread(() -> {
            while (!stop.get()) {
                if (q.offer(m).queued()) {
                    offered.incrementAndGet();
                }
                for (int i = 0; i < 50; i++) {
                    Thread.onSpinWait();
                }
            }
        }, "test-producer");
        writer.start();
        producer.start();
        try {
            int early = 0;
            int written = 0;
            long end = System.nanoTime() + 3_000_000_000L;
            while (System.nanoTime() < end) {
                long before = offered.get();
                if (q.awaitWritten(1_000_000L)) {
                    written++;
                    if (out.flushed.get() < 2 * before) {
                        early++;
                    }
                }
            }
            assertThat(written).as("times all was written").isPositive();
            assertThat(early).as("flushes that returned before what was queued was written").isZero();
        } finally {
            stop.set(true);
            producer.join(5000);
            writer.interrupt();
            writer.join(5000);
        }
    }
}

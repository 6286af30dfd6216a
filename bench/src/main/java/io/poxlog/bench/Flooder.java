package io.poxlog.bench;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The producer of the throughput scenarios: logs records as fast as a consumer takes them, never
 * more than a window ahead of it, so that what is measured is what the path sustains with
 * nothing lost. Records are numbered from 0; one thread.
 */
final class Flooder {
    private static final int BURST = 256;

    private final LongSupplier received;
    private final long window;
    private final LongConsumer log;
    private long sent;

    /**
     * @param received how many records the consumer has so far (for subscribers, the slowest one's)
     * @param log logs record number i
     */
    Flooder(LongSupplier received, long window, LongConsumer log) {
        this.received = received;
        this.window = window;
        this.log = log;
    }

    /** Logs bursts until {@code deadlineNanos} (System.nanoTime). */
    void until(long deadlineNanos) {
        while (System.nanoTime() < deadlineNanos) {
            Pace.below(() -> sent - received.getAsLong(), window);
            for (int i = 0; i < BURST; i++) {
                log.accept(sent + i);
            }
            sent += BURST;
        }
    }

    /** Records logged so far. */
    long sent() {
        return sent;
    }
}

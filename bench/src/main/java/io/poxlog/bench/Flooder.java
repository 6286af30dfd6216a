package io.poxlog.bench;

import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The producer of the throughput scenarios: logs records as fast as a consumer takes them, never
 * more than a window ahead of it, so that what is measured is what the path sustains with
 * nothing lost. Once a window ahead it waits until the consumer is within half a window
 * ({@link DrainWait#ifAhead}), then logs that half in bursts: half a window still in flight keeps the
 * path busy while it waits, and it wakes about once per half window rather than once per
 * burst. Records are numbered from 0; one thread.
 */
final class Flooder {
    static final int BURST = 256;

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
            DrainWait wait = DrainWait.ifAhead(sent - received.getAsLong(), window);
            if (wait != null) {
                Pace.drain(wait, () -> sent - received.getAsLong());
            }
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

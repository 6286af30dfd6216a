package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The throughput producer waits for its consumer by parking, not by polling: see {@link Pace#drain}. */
class PaceTest {
    /** A consumer 20,000 records behind that takes one record a microsecond, from now on. */
    private static LongSupplier draining() {
        long start = System.nanoTime();
        return () -> Math.max(0, 20_000 - (System.nanoTime() - start) / 1_000);
    }

    /** A wait for {@code lag} to get down to {@code low}, begun with its first look. */
    private static int downTo(LongSupplier lag, long low) {
        return Pace.drain(new DrainWait(lag.getAsLong(), low), lag);
    }

    @Test
    void downToReturnsOnlyOnceTheLagIsDownToTheMark() {
        LongSupplier lag = draining();
        downTo(lag, 10_000);
        assertThat(lag.getAsLong()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void downToParksForTheTimeTheFallNeedsRatherThanPolling() {
        // 10 ms to wait: polled every 20 us that is 500 looks (fewer with the kernel's timer
        // slack, but well over a hundred); parked by the rate of fall, a few per millisecond at most.
        int looks = downTo(draining(), 10_000);
        assertThat(looks).isBetween(2, 60);
    }

    @Test
    void downToDoesNotWaitWhenTheLagIsAlreadyThere() {
        AtomicInteger reads = new AtomicInteger();
        int looks = downTo(() -> {
            reads.incrementAndGet();
            return 5;
        }, 10);
        assertThat(looks).isEqualTo(1);
        assertThat(reads).hasValue(1);
    }

    @Test
    void downToFailsRatherThanWaitingForGoodForAConsumerThatStopped() {
        assertThatThrownBy(() -> Pace.drain(new DrainWait(100, 10), () -> 100, 50_000_000L))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("still 100 records behind");
    }
}

package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/** The wait of a producer ahead of its consumer: by the lag's rate of fall, within bounds. */
class DrainWaitTest {
    @Test
    void noWaitOnceTheLagIsDownToTheMark() {
        DrainWait w = new DrainWait(4_096, 2_048);
        assertThat(w.next(2_048)).isZero();
        assertThat(w.next(0)).isZero();
    }

    @Test
    void theShortestWaitWhileTheLagHasNotFallenYet() {
        DrainWait w = new DrainWait(4_096, 2_048);
        assertThat(w.next(4_096)).isEqualTo(DrainWait.MIN_NANOS);
        assertThat(w.next(5_000)).isEqualTo(DrainWait.MIN_NANOS);
    }

    @Test
    void theWaitIsWhatTheFallSoFarSaysIsLeftWithinItsBounds() {
        DrainWait w = new DrainWait(10_000, 0);
        LockSupport.parkNanos(2_000_000);
        // At least 2 ms for 10 records: far slower than the longest wait allows.
        assertThat(w.next(9_990)).isEqualTo(DrainWait.MAX_NANOS);
        // At least 2 ms for 9,999 records, one left: less than a microsecond, so the shortest.
        assertThat(w.next(1)).isEqualTo(DrainWait.MIN_NANOS);
    }
}

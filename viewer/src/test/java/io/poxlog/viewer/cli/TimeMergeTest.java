package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.model.LogEntry;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The line modes' merge of several controllers in time order, without a network. */
class TimeMergeTest {
    @Test
    void aLongWindowUnderAFloodHoldsNoMoreThanItsBoundAndPassesTheRestOldestFirst() {
        // Before: records let go early past MAX_HELD stayed, entries and all, in the arrival order
        // until their window passed: with --reorder-window 60000, a minute of a flood.
        AtomicLong passed = new AtomicLong();
        try (TimeMerge m = new TimeMerge(Set.of("a:1"), Duration.ofSeconds(60), Duration.ZERO, new LogListener() {
            @Override
            public void onRecord(LogEntry entry) {
                passed.incrementAndGet();
            }

            @Override
            public void onStatus(SourceStatus status) {
            }
        })) {
            int n = 3 * TimeMerge.MAX_HELD;
            for (int i = 0; i < n; i++) {
                m.onRecord(LogEntry.ofBytes("a:1", i, 1_000_000 + i, "INFO", 20, "x", "m" + i, 0, new byte[64]));
            }
            assertThat(m.held()).isEqualTo(TimeMerge.MAX_HELD);
            assertThat(passed.get()).isEqualTo(n - TimeMerge.MAX_HELD);
            assertThat(m.tracked()).as("records tracked for their window").isLessThanOrEqualTo(2 * TimeMerge.MAX_HELD);
        }
    }
}

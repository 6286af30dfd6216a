package io.poxlog.messenger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Repeated incidents become one record per interval, counted, with the first few addresses. */
class IncidentSummaryTest {
    private final List<String> logged = new ArrayList<>();
    private final List<Runnable> due = new ArrayList<>();
    private final IncidentSummary summary = new IncidentSummary("wrong tokens", Duration.ofSeconds(10), logged::add,
            (task, delay) -> due.add(task));

    private void endInterval() {
        List<Runnable> now = List.copyOf(due);
        due.clear();
        now.forEach(Runnable::run);
    }

    @Test
    void theFirstIsLoggedAtOnceAndTheRestAsOneCountPerInterval() {
        for (int i = 0; i < 1000; i++) {
            summary.report("10.0.0." + i % 8, () -> "first one, in full");
        }
        assertThat(logged).containsExactly("first one, in full");
        endInterval();
        assertThat(logged).containsExactly("first one, in full", "999 more wrong tokens in the last 10 s, from "
                + "10.0.0.1, 10.0.0.2, 10.0.0.3, 10.0.0.4, 10.0.0.5 and other addresses");
        summary.report("10.0.0.9", () -> "not logged: the interval is still open");
        endInterval();
        assertThat(logged).hasSize(3).last().isEqualTo("1 more wrong tokens in the last 10 s, from 10.0.0.9");
        endInterval(); // a quiet interval closes it
        assertThat(logged).hasSize(3);
        assertThat(due).isEmpty();
        summary.report(null, () -> "after a quiet interval, in full again");
        assertThat(logged).last().isEqualTo("after a quiet interval, in full again");
    }
}

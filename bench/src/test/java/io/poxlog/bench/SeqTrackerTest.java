package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The soak's judge of "nothing lost silently" must itself catch a loss. */
class SeqTrackerTest {
    private static com.fasterxml.jackson.databind.JsonNode json(String s) throws Exception {
        return SoakConnection.MAPPER.readTree(s);
    }

    @Test
    void aSkippedSeqWithoutANoticeIsASilentLoss() throws Exception {
        SeqTracker t = new SeqTracker();
        t.accept(json("{\"seq\":1}"));
        t.accept(json("{\"seq\":2}"));
        t.accept(json("{\"seq\":5}"));
        t.accept(json("{\"seq\":5}"));
        assertThat(t.silentlyLost()).isEqualTo(2);
        assertThat(t.outOfOrder()).isEqualTo(1);
        assertThat(t.keptUp()).isFalse();
    }

    @Test
    void aGapNoticeCoveringTheSkipMakesItReportedNotLost() throws Exception {
        SeqTracker t = new SeqTracker();
        t.accept(json("{\"seq\":1}"));
        t.accept(json("{\"gap\":[2,4],\"dropped\":3}"));
        t.accept(json("{\"seq\":5}"));
        assertThat(t.silentlyLost()).isZero();
        assertThat(t.reportedGaps()).isEqualTo(1);
        assertThat(t.last()).isEqualTo(5);
    }

    @Test
    void theLongestSilenceIsTimedWithinASessionNotBetweenSessions() throws Exception {
        SeqTracker t = new SeqTracker();
        t.accept(json("{\"seq\":1}"), 1_000);
        t.accept(json("{\"seq\":2}"), 3_000);
        t.accept(json("{\"gap\":[3,3],\"dropped\":1}"), 10_000);
        t.resumed();
        t.accept(json("{\"seq\":4}"), 1_000_000);
        t.accept(json("{\"seq\":5}"), 1_001_000);
        assertThat(t.longestSilenceNanos()).isEqualTo(7_000);
    }
}

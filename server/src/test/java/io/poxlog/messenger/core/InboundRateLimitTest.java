package io.poxlog.messenger.core;

import static io.poxlog.messenger.core.InboundRateLimit.Verdict.ACCEPT;
import static io.poxlog.messenger.core.InboundRateLimit.Verdict.CLOSE;
import static io.poxlog.messenger.core.InboundRateLimit.Verdict.DROP;
import static io.poxlog.messenger.core.InboundRateLimit.Verdict.DROP_AND_WARN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves. */
class InboundRateLimitTest {
    private long now = 5_000_000_000L;
    private final InboundRateLimit limit = new InboundRateLimit(10, 3, () -> now);

    private List<InboundRateLimit.Verdict> send(int n) {
        List<InboundRateLimit.Verdict> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(limit.onMessage());
        }
        return out;
    }

    @Test
    void aBurstPassesThenTheExcessIsDroppedWithOneWarning() {
        assertThat(send(5)).containsExactly(ACCEPT, ACCEPT, ACCEPT, DROP_AND_WARN, DROP);
    }

    @Test
    void theBucketRefillsAtTheRate() {
        send(3);
        now += 100_000_000L; // a tenth of a second: one message at 10 per second
        assertThat(send(2)).containsExactly(ACCEPT, DROP_AND_WARN);
        now += 1_000_000_000L;
        assertThat(send(4)).containsExactly(ACCEPT, ACCEPT, ACCEPT, DROP_AND_WARN);
    }

    @Test
    void moreThanABurstDroppedWithinASecondMeansClose() {
        assertThat(send(7)).containsExactly(ACCEPT, ACCEPT, ACCEPT, DROP_AND_WARN, DROP, DROP, CLOSE);
    }

    @Test
    void aSenderThatSlowsDownIsWarnedAgainButNotClosed() {
        send(6);
        for (int second = 0; second < 5; second++) {
            now += 1_000_000_000L;
            assertThat(send(5)).contains(DROP_AND_WARN).doesNotContain(CLOSE);
        }
    }
}

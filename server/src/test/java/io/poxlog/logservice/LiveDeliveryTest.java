package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the live stream keeps between drains of the service's queue. */
class LiveDeliveryTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final LoggerContext context = new LoggerContext();

    /**
     * A drain of big records to many subscriptions, each of its own encoding: each encoding's
     * buffer grows to hold that drain's bodies, and once the drain is delivered they may keep
     * {@link LiveDelivery#KEEP_BYTES} in all, not each what it grew to.
     */
    @Test
    void aDrainToManyEncodingsLeavesAtMostTheBoundKeptAndEveryMemberGotEveryRecord() {
        LiveDelivery live = new LiveDelivery(new GapNotices(UTC, "test"), new ServiceFailures(context, this), new AtomicLong());
        String text = "x".repeat(800);
        for (int i = 1; i <= 1_000; i++) {
            LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("big"), Level.INFO, "{}", null,
                    new Object[] {text});
            event.getThreadName();
            LogRecord r = new LogRecord(event, 1, false);
            r.seq = i;
            live.add(r);
        }
        List<CountingConnection> connections = new ArrayList<>();
        for (int e = 0; e < 20; e++) {
            Subscription s = new Subscription("log_" + e, SubscriptionSettings.DEFAULTS, failed -> { });
            s.encoding = new RecordEncoding("%(message)s " + e, null, false, UTC, 0); // twenty distinct encodings
            CountingConnection c = new CountingConnection();
            s.members.add(new Subscription.Member(c, s));
            connections.add(c);
            live.deliver(s, m -> { });
        }
        live.clear();

        for (CountingConnection c : connections) {
            assertThat(c.messages).isEqualTo(1_000);
            assertThat(c.bytes).isGreaterThan(800_000L);
        }
        // Each encoding's buffer grew to 1 MiB for its 800 KB of bodies: 20 MiB kept for good without the bound.
        assertThat(live.keptBytes()).isLessThanOrEqualTo(LiveDelivery.KEEP_BYTES + 20 * 1024L);
    }
}

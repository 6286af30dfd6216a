package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import io.poxlog.messenger.core.Connection;
import java.time.ZoneId;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Where the service's turns run: on the I/O thread every member's connection shares, or on its own. */
class FanoutHomeTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final Fanout fanout = new Fanout(new RecordRing(16), new GapNotices(UTC, "test"),
            new ServiceFailures(new LoggerContext(), this), new AtomicLong());
    private final Executor loopA = Runnable::run;
    private final Executor loopB = Runnable::run;

    private Subscription subscription() {
        Subscription s = new Subscription("log_" + UUID.randomUUID(), SubscriptionSettings.DEFAULTS, failed -> { });
        fanout.addSubscription(s, new RecordEncoding(null, null, false, UTC, 0));
        return s;
    }

    @Test
    void membersAllOnOneLoopMakeItHomeAndAnyOtherMemberEndsThat() {
        assertThat(fanout.home()).as("no members").isNull();
        Subscription s = subscription();
        Subscription t = subscription();
        Connection a1 = new CountingConnection(loopA);
        fanout.addMember(s, a1, 0, null, 0);
        fanout.addMember(t, new CountingConnection(loopA), 0, null, 0);
        assertThat(fanout.home()).isSameAs(loopA);

        Connection b = new CountingConnection(loopB);
        fanout.addMember(t, b, 0, null, 0);
        assertThat(fanout.home()).as("members on two loops").isNull();
        fanout.removeMember(t, b);
        assertThat(fanout.home()).isSameAs(loopA);

        Connection none = new CountingConnection(null);
        fanout.addMember(s, none, 0, null, 0);
        assertThat(fanout.home()).as("a member without an I/O thread (comet)").isNull();
        fanout.removeMember(s, none);
        assertThat(fanout.home()).isSameAs(loopA);

        fanout.endSubscription(s);
        fanout.endSubscription(t);
        assertThat(fanout.home()).as("no members left").isNull();
    }
}

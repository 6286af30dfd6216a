package io.poxlog.logservice;

import io.poxlog.messenger.core.Connection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One {@code log_*} channel's stream (or the shared {@code log} channel's): its settings, its
 * members, and for each member what it lost while it could not keep up, and where its replay is.
 * Log-service thread only, but for {@link #channel} and {@link #head}.
 */
final class Subscription {
    /** A member connection, the records it lost and was not yet told of, and its replay. */
    static final class Member {
        final Connection connection;
        final Subscription subscription;
        long dropped;
        long gapFirst;
        long gapLast;
        /** Written to since the service's last flush (log-service thread only). */
        boolean touched;
        /** While it catches up on retained records (null once live): the live stream skips it. */
        Replay replay;

        Member(Connection connection, Subscription subscription) {
            this.connection = connection;
            this.subscription = subscription;
        }

        boolean live() {
            return replay == null;
        }

        void lost(long seq) {
            lostRange(seq, seq);
        }

        /** Counts records first..last as lost; the gap reported spans every loss not yet told. */
        void lostRange(long first, long last) {
            if (dropped == 0) {
                gapFirst = first;
            }
            gapLast = last;
            dropped += last - first + 1;
        }

        void told() {
            dropped = 0;
        }
    }

    final String channel;
    /** {@code {"CHANNEL":"<name>",}: written before each shared record body. */
    final byte[] head;
    /** Told on the log-service thread when the subscription ends by failure (its bot makes its members leave). */
    final Consumer<Subscription> failed;
    private SubscriptionSettings settings;
    /** Whether {@link #settings} let every record through: most do, and then none is examined. */
    private boolean acceptsAll;
    RecordEncoding encoding;
    final List<Member> members = new ArrayList<>(1);
    /** Set when it ended by failure: skipped from then on, removed at the end of the service's turn. */
    boolean ended;
    /** Once ended: the error its members were sent, for one whose join comes after. */
    String endText;

    Subscription(String channel, SubscriptionSettings settings, Consumer<Subscription> failed) {
        this.channel = channel;
        settings(settings);
        this.failed = failed;
        this.head = ("{\"CHANNEL\":" + jsonString(channel) + ",").getBytes(StandardCharsets.UTF_8);
    }

    SubscriptionSettings settings() {
        return settings;
    }

    void settings(SubscriptionSettings s) {
        settings = s;
        acceptsAll = s.acceptsAll();
    }

    /** Whether a record passes the filters ({@link SubscriptionSettings#accepts}). Log-service thread. */
    boolean accepts(LogRecord r) {
        return acceptsAll || settings.accepts(r);
    }

    Member member(Connection c) {
        for (Member m : members) {
            if (m.connection == c) {
                return m;
            }
        }
        return null;
    }

    private static String jsonString(String s) {
        return io.poxlog.messenger.core.Json.NODES.textNode(s).toString();
    }
}

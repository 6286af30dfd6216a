package io.poxlog.logservice;

import io.poxlog.messenger.core.Connection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code log_*} channel's stream (or the shared {@code log} channel's): its settings, its
 * members, and for each member what it lost while it could not keep up. Log-service thread only.
 */
final class Subscription {
    /** A member connection and the records it lost while its output was full. */
    static final class Member {
        final Connection connection;
        long dropped;
        long gapFirst;
        long gapLast;
        /** Written to since the service's last flush (log-service thread only). */
        boolean touched;

        Member(Connection connection) {
            this.connection = connection;
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
    SubscriptionSettings settings;
    RecordEncoding encoding;
    final List<Member> members = new ArrayList<>(1);

    Subscription(String channel, SubscriptionSettings settings) {
        this.channel = channel;
        this.settings = settings;
        this.head = ("{\"CHANNEL\":" + jsonString(channel) + ",").getBytes(StandardCharsets.UTF_8);
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

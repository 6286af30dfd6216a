package io.poxlog.logservice;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Sends a joining member the retained records it asked for (PROTOCOL.md §5.3): with {@code since},
 * every record after it (and a gap notice for any part no longer retained); with
 * {@code backlog}, the last N records that pass the subscription's filters. When both are given,
 * {@code since} chooses and {@code backlog} caps. Log-service thread only.
 */
final class Replay {
    private final Subscription subscription;
    private final Subscription.Member member;
    private final RecordRing ring;
    private final long lastSeq;

    Replay(Subscription subscription, Subscription.Member member, RecordRing ring, long lastSeq) {
        this.subscription = subscription;
        this.member = member;
        this.ring = ring;
        this.lastSeq = lastSeq;
    }

    void run(int backlog, Long since, GapNotices gaps) {
        long after = since == null ? Long.MIN_VALUE : since;
        if (since != null && since < lastSeq) {
            long oldest = ring.oldestSeq();
            long firstLost = since + 1;
            long lastLost = oldest < 0 ? lastSeq : oldest - 1;
            if (lastLost >= firstLost) {
                member.lostRange(firstLost, lastLost);
                gaps.send(subscription, member);
            }
        }
        int cap = backlog > 0 ? backlog : (since != null ? Integer.MAX_VALUE : 0);
        if (cap == 0) {
            return;
        }
        Deque<LogRecord> wanted = new ArrayDeque<>();
        ring.forEach(r -> {
            if (r.seq > after && subscription.settings.accepts(r)) {
                wanted.addLast(r);
                if (wanted.size() > cap) {
                    wanted.removeFirst();
                }
            }
        });
        for (LogRecord r : wanted) {
            // Replay ignores the high-water mark: it is bounded by the ring, and a joiner that
            // asked for it wants all of it.
            member.connection.sendEncoded(subscription.head, subscription.encoding.body(r), false);
        }
    }
}

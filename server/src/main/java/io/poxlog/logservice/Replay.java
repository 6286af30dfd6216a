package io.poxlog.logservice;

/**
 * Sends one joining member the retained records it asked for (PROTOCOL.md §5.3), a slice at a
 * time: with {@code since}, every record after it (and a gap notice for any part no longer
 * retained); with {@code backlog}, the last N records that pass the subscription's filters. When
 * both are given, {@code since} chooses and {@code backlog} caps.
 *
 * <p>The member is live only once its replay has caught up with the ring's newest record, and the
 * live stream skips it until then, so replay and live stream neither overlap nor leave a hole. A
 * replay is paced as the live stream is, by its connection's writability, and each call to
 * {@link #advance} does at most its {@link Budget}'s worth (issue 10: a backlog replay built
 * megabytes in one go, ignored the output limit and held the thread that serves everyone). What
 * the ring overwrites before the replay reaches it, or what the queue dropped, is told as a gap,
 * as a live member would be told: the replay knows the first {@code seq} owed to its member and
 * sees every jump past it. Log-service thread only.
 */
final class Replay {
    /** What one turn of the service may spend on replays: records looked at, bytes sent. */
    static final class Budget {
        int records;
        long bytes;

        Budget(int records, long bytes) {
            this.records = records;
            this.bytes = bytes;
        }

        boolean spent() {
            return records <= 0 || bytes <= 0;
        }
    }

    private final Subscription.Member member;
    private final RecordRing ring;
    private final GapNotices gaps;
    /** Records with a seq above this are wanted ({@code since}); Long.MIN_VALUE for any. */
    private final long after;
    /** Whether it still looks back for where a backlog starts. */
    private boolean seeking;
    /** While seeking: the position looked at next, going back. */
    private long seekAt;
    /** Records to find while seeking. */
    private int wanted;
    /** The newest seq when the member joined: what the live stream would have brought next is owed. */
    private final long joinedAfter;
    /** The position to send from. */
    private long cursor;
    /** The first seq owed to the member, neither sent nor told lost. */
    private long owed;
    /** Whether the last call stopped because the connection was full. */
    private boolean waiting;

    /**
     * Starts the replay of a member joining now, after record {@code lastSeq}; tells it of the
     * part of {@code since} no longer retained. Null when nothing is to be replayed.
     */
    static Replay of(Subscription.Member member, RecordRing ring, GapNotices gaps, long lastSeq, int backlog,
                     Long since) {
        if (backlog <= 0 && since == null) {
            return null;
        }
        return new Replay(member, ring, gaps, lastSeq, backlog, since);
    }

    private Replay(Subscription.Member member, RecordRing ring, GapNotices gaps, long lastSeq, int backlog, Long since) {
        this.member = member;
        this.ring = ring;
        this.gaps = gaps;
        this.after = since == null ? Long.MIN_VALUE : since;
        this.joinedAfter = lastSeq;
        // A since past the newest record is owed nothing before the join (and since + 1 could overflow).
        owed = since == null ? Long.MIN_VALUE : Math.min(since, lastSeq) + 1;
        if (since != null && since < lastSeq) {
            long oldest = ring.oldestSeq();
            long lastLost = oldest < 0 ? lastSeq : oldest - 1;
            if (lastLost >= since + 1) {
                member.lostRange(since + 1, lastLost);
                owed = lastLost + 1;
            }
        }
        if (backlog > 0) {
            seeking = true;
            seekAt = ring.end() - 1;
            wanted = backlog;
            cursor = ring.end();
        } else {
            // What the ring lacks between since and the cursor, the queue dropped: still owed, and
            // told by the jump in seq.
            cursor = ring.firstAfter(after);
        }
    }

    /** Whether the last call stopped because the member's connection was full. */
    boolean waiting() {
        return waiting;
    }

    /**
     * Goes on for at most {@code budget}; returns true once caught up (the member is then owed
     * only what the live stream brings: after {@code lastSeq}, the newest record numbered).
     */
    boolean advance(Budget budget, long lastSeq) {
        waiting = false;
        if (seeking && !seek(budget)) {
            return false;
        }
        Subscription s = member.subscription;
        while (!budget.spent()) {
            if (cursor < ring.start()) {
                cursor = ring.start(); // overtaken: the jump in seq below tells what was lost
            }
            if (cursor >= ring.end()) {
                if (owed <= lastSeq) {
                    member.lostRange(owed, lastSeq); // dropped at the queue after the newest retained
                }
                return true;
            }
            if (!member.connection.isWritable()) {
                waiting = true;
                return false;
            }
            LogRecord r = ring.at(cursor++);
            budget.records--;
            if (r.seq > owed) {
                member.lostRange(owed, r.seq - 1);
            }
            owed = r.seq + 1;
            if (!s.accepts(r)) {
                continue;
            }
            if (member.dropped > 0) {
                gaps.send(s, member);
            }
            byte[] body;
            try {
                body = s.encoding.body(r);
            } catch (RuntimeException e) {
                member.lost(r.seq); // told in the next gap notice; an Error ends the subscription
                continue;
            }
            member.connection.sendEncoded(s.head, body, false);
            budget.bytes -= body.length;
        }
        return false;
    }

    /**
     * Looks back for the oldest of the last {@code wanted} records that pass; true once found.
     * Records before it were not asked for, and are not owed; whatever came after the join is.
     */
    private boolean seek(Budget budget) {
        Subscription s = member.subscription;
        while (true) {
            if (seekAt < ring.start()) {
                // Fewer are retained than asked for, or the ring moved on while this looked back
                // (it may take turns): all that is retained, and what came after the join is owed
                // even where the ring no longer has it. With since, owed stays as the join set it.
                cursor = ring.start();
                if (after == Long.MIN_VALUE) {
                    owed = cursor < ring.end() ? Math.min(ring.at(cursor).seq, joinedAfter + 1) : joinedAfter + 1;
                }
                break;
            }
            if (budget.spent()) {
                return false;
            }
            LogRecord r = ring.at(seekAt);
            budget.records--;
            if (r.seq <= after) {
                cursor = seekAt + 1; // since chooses: all after it is owed, as the join set it
                break;
            }
            if (s.accepts(r) && --wanted == 0) {
                cursor = seekAt;
                owed = Math.max(owed, r.seq); // the backlog caps: nothing before it is owed
                break;
            }
            seekAt--;
        }
        seeking = false;
        return true;
    }
}

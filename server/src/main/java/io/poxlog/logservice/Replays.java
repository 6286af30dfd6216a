package io.poxlog.logservice;

import java.util.ArrayDeque;

/**
 * The members catching up on retained records ({@link Replay}), taken in turn (issue 10, item 2):
 * each turn of the service thread gives all replays together at most {@link #RECORDS_PER_TURN}
 * records looked at and {@link #BYTES_PER_TURN} bytes sent, a slice each, so that however many
 * joins ask for backlogs, the thread that serves everyone goes back to the live stream soon. A
 * member whose replay caught up goes live. What a replay sends is flushed, and a replay that
 * throws ends its subscription, through its {@link Fanout}. Log-service thread only.
 */
final class Replays {
    /** What replays may look at per turn of the service, over all of them. */
    static final int RECORDS_PER_TURN = 2048;
    /** What replays may send per turn of the service, over all of them. */
    static final long BYTES_PER_TURN = 4L * 1024 * 1024;
    /** The least one replay is given per turn, however many there are. */
    private static final int SLICE_MIN = 64;
    /** What a replay may do at once as its member joins, from the turn's budget. */
    private static final int SLICE_AT_JOIN = 512;

    private final Fanout fanout;
    private final RecordRing ring;
    private final GapNotices gaps;
    private final ArrayDeque<Subscription.Member> replaying = new ArrayDeque<>();
    /** What is left of this turn's budget (joins draw on it first). */
    private final Replay.Budget turn = new Replay.Budget(RECORDS_PER_TURN, BYTES_PER_TURN);
    private boolean waiting;

    Replays(Fanout fanout, RecordRing ring, GapNotices gaps) {
        this.fanout = fanout;
        this.ring = ring;
        this.gaps = gaps;
    }

    /**
     * The replay of {@code m}, joining after record {@code lastSeq}, or null when it asked for
     * none; made before the member is added, so that the live stream skips it from the start.
     */
    Replay replayFor(Subscription.Member m, long lastSeq, int backlog, Long since) {
        return Replay.of(m, ring, gaps, lastSeq, backlog, since);
    }

    /**
     * Starts the replay of {@code m}, now a member, if it has one, with a first slice at once: a
     * small backlog is sent before the next record can overwrite it.
     */
    void start(Subscription.Member m, long lastSeq) {
        if (m.replay != null && advance(m, SLICE_AT_JOIN, lastSeq) >= 0 && !m.live()) {
            replaying.add(m);
        }
    }

    /**
     * Advances the replays by at most a turn's budget, each in turn, each while its connection
     * takes more; those that caught up go live. Returns the records looked at.
     */
    int advanceAll(long lastSeq) {
        waiting = false;
        int n = replaying.size();
        int slice = Math.max(SLICE_MIN, RECORDS_PER_TURN / Math.max(n, 1));
        int looked = 0;
        for (int k = 0; k < n && !turn.spent(); k++) {
            Subscription.Member m = replaying.poll();
            if (m.subscription.ended) {
                continue; // ended this turn, and told so: nothing more for it
            }
            int done = advance(m, slice, lastSeq);
            if (done < 0) {
                continue; // it failed, and its subscription ended
            }
            looked += done;
            if (m.live()) {
                continue;
            }
            waiting |= m.replay.waiting();
            replaying.add(m);
        }
        turn.records = RECORDS_PER_TURN; // the next turn's, without allocating on every turn
        turn.bytes = BYTES_PER_TURN;
        return looked;
    }

    /**
     * Advances one replay by at most {@code slice} of the turn's budget; it goes live once caught
     * up. Returns the records it looked at, or -1 if it failed.
     */
    private int advance(Subscription.Member m, int slice, long lastSeq) {
        int given = Math.min(slice, turn.records);
        Replay.Budget mine = new Replay.Budget(given, turn.bytes);
        boolean caughtUp;
        try {
            caughtUp = m.replay.advance(mine, lastSeq);
        } catch (Throwable t) {
            fanout.fail(m.subscription, t);
            return -1;
        }
        int looked = given - mine.records;
        turn.records -= Math.max(looked, 1); // one that waits costs the turn a little
        turn.bytes = mine.bytes;
        fanout.touch(m); // it may have been sent records or a gap notice
        if (caughtUp) {
            goLive(m);
        }
        return looked;
    }

    private void goLive(Subscription.Member m) {
        m.replay = null;
        if (m.dropped > 0 && m.connection.isWritable()) {
            gaps.send(m.subscription, m);
        }
    }

    /** Whether some member is still replaying. */
    boolean active() {
        return !replaying.isEmpty();
    }

    /** Whether some replay stopped because its connection was full: worth looking again soon. */
    boolean waiting() {
        return waiting;
    }

    /** Forgets the replay of a member that left. */
    void remove(Subscription.Member m) {
        if (!m.live()) {
            replaying.remove(m);
        }
    }

    /** Forgets the replays of a subscription that ended. */
    void removeAll(Subscription s) {
        replaying.removeIf(m -> m.subscription == s);
    }
}

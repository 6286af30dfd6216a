package io.poxlog.logservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.ErrorMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The log service's subscriptions and what it writes to their members: each record to every live
 * member that wants it (encoded once per distinct encoding; a drain's records member by member,
 * {@link LiveDelivery}), replays of retained records (paced by
 * {@link Replays}), gap notices, and one flush per member written to. Whatever one subscription
 * throws stays with it (issue 10): an {@link Error} ends it, with an error to each of its members;
 * a {@link RuntimeException} while encoding costs it the record, which its members are told they
 * lost. Log-service thread only (the thread running the turn, {@link ServiceLoop}).
 */
final class Fanout {
    private final GapNotices gaps;
    private final ServiceFailures failures;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final EncodingRegistry encodings = new EncodingRegistry();
    /** Members written to since the last flush, each once (see {@link #touch}). */
    private final List<Subscription.Member> touched = new ArrayList<>();
    /** Subscriptions ended by failure this turn, removed by {@link #sweep}. */
    private final List<Subscription> ended = new ArrayList<>();
    private final Replays replays;
    private final LiveDelivery live;
    /** {@link #touch}, made once. */
    private final Consumer<Subscription.Member> toucher = this::touch;
    /** {@link #home}, worked out again after the members changed. */
    private Executor home;
    private boolean membersChanged;

    Fanout(RecordRing ring, GapNotices gaps, ServiceFailures failures, AtomicLong droppedForSlow) {
        this.gaps = gaps;
        this.failures = failures;
        this.replays = new Replays(this, ring, gaps);
        this.live = new LiveDelivery(gaps, failures, droppedForSlow);
    }

    // ------------------------------------------------------------------ records

    /** Holds {@code r} for {@link #deliverPending}, at the end of the drain or before the next subscription change. */
    void publish(LogRecord r) {
        live.add(r);
    }

    /** Delivers the records published since the last call to every live member that wants them ({@link LiveDelivery}). */
    void deliverPending() {
        if (live.isEmpty()) {
            return;
        }
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            if (s.ended || s.members.isEmpty()) {
                continue;
            }
            try {
                live.deliver(s, toucher);
            } catch (Throwable t) {
                fail(s, t);
            }
        }
        live.clear();
    }

    /** Records the queue dropped ({@code first..last}): every live member is told of them. */
    void lostAtQueue(long first, long last) {
        for (Subscription s : subscriptions) {
            for (Subscription.Member m : s.members) {
                if (m.live()) {
                    m.lostRange(first, last); // a replay sees the jump in seq itself
                }
            }
        }
    }

    void sendDueGapNotices() {
        for (Subscription s : subscriptions) {
            if (s.ended) {
                continue;
            }
            try {
                for (Subscription.Member m : s.members) {
                    if (m.live() && m.dropped > 0 && m.connection.isWritable()) {
                        gaps.send(s, m);
                        touch(m);
                    }
                }
            } catch (Throwable t) {
                fail(s, t);
            }
        }
    }

    // ------------------------------------------------------------------ replays

    /** Advances the replays by a turn's budget ({@link Replays}); returns the records looked at. */
    int advanceReplays(long lastSeq) {
        return replays.advanceAll(lastSeq);
    }

    /** Whether some member is still catching up on retained records. */
    boolean replaysActive() {
        return replays.active();
    }

    /**
     * The I/O thread that writes every member's connection, when they all have the same one
     * ({@link Connection#ioExecutor}); null when there are none, or several, or one has none:
     * where the turns are best run ({@link HomeTurns}).
     */
    Executor home() {
        if (membersChanged) {
            home = commonExecutor();
            membersChanged = false;
        }
        return home;
    }

    private Executor commonExecutor() {
        Executor common = null;
        for (Subscription s : subscriptions) {
            for (Subscription.Member m : s.members) {
                Executor e = m.connection.ioExecutor();
                if (e == null || common != null && e != common) {
                    return null;
                }
                common = e;
            }
        }
        return common;
    }

    /** Whether some replay stopped because its connection was full: worth looking again soon. */
    boolean replaysWaiting() {
        return replays.waiting();
    }

    // ------------------------------------------------------------------ flush, failure

    /** Marks {@code m} to be flushed at the end of the turn. */
    void touch(Subscription.Member m) {
        if (!m.touched) {
            m.touched = true;
            touched.add(m);
        }
    }

    /**
     * One flush per member written to: what the batch sent goes out as one write per connection.
     * A connection in two subscriptions is flushed twice; the second finds nothing to send.
     */
    void flushTouched() {
        for (int i = 0; i < touched.size(); i++) {
            Subscription.Member m = touched.get(i);
            m.touched = false;
            try {
                m.connection.flush();
            } catch (Throwable t) {
                fail(m.subscription, t);
            }
        }
        touched.clear();
    }

    /**
     * Ends {@code s} because of {@code t}: its members are sent an error on the default channel
     * (PROTOCOL.md §6) and its bot makes them leave; the other subscriptions go on.
     */
    void fail(Subscription s, Throwable t) {
        if (s.ended) {
            return;
        }
        String text = "the log subscription of '" + s.channel + "' ended: " + ServiceFailures.describe(t)
                + "; join again to subscribe anew";
        s.endText = text; // before it is ended: a join after it is told this
        s.ended = true;
        ended.add(s);
        for (Subscription.Member m : s.members) {
            tell(m.connection, ErrorMessages.of(null, s.channel, text));
        }
        failures.subscriptionEnded("log service: " + text, t);
        try {
            s.failed.accept(s);
        } catch (Throwable e) {
            failures.warn("log service: the bot of '" + s.channel + "' was not told its subscription ended: " + e, e);
        }
    }

    /** Removes what ended by failure during the turn; until now loops merely skipped it. */
    void sweep() {
        if (ended.isEmpty()) {
            return; // every turn: not even an iterator
        }
        for (int i = 0; i < ended.size(); i++) {
            remove(ended.get(i));
        }
        ended.clear();
    }

    /** Writes out what is batched for every member, as the service stops (it died). */
    void flushEveryMember() {
        for (Subscription s : subscriptions) {
            for (Subscription.Member m : s.members) {
                try {
                    m.connection.flush();
                } catch (Throwable ignored) {
                    // this member's connection is past help; the others are still flushed
                }
            }
        }
    }

    /** Sends an error after the records already batched for the connection, so that it comes last. */
    private static void tell(Connection c, ObjectNode error) {
        try {
            c.flush();
            c.send(error);
        } catch (Throwable ignored) {
            // this member's connection is past help; the others are still told
        }
    }

    // ------------------------------------------------------------------ subscriptions

    void addSubscription(Subscription s, RecordEncoding encoding) {
        s.encoding = encodings.acquire(encoding);
        subscriptions.add(s);
    }

    /** New settings for {@code s}, and a new encoding unless {@code encoding} is null (it keeps its own). */
    void updateSubscription(Subscription s, SubscriptionSettings settings, RecordEncoding encoding) {
        if (s.ended || !subscriptions.contains(s)) {
            return; // ended by failure; its bot is making its members leave
        }
        s.settings(settings);
        if (encoding == null) {
            return;
        }
        RecordEncoding old = s.encoding;
        s.encoding = encodings.acquire(encoding);
        encodings.release(old);
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    int encodingCount() {
        return encodings.size();
    }

    /** Record bodies encoded by the encodings in use. */
    long recordsEncoded() {
        return encodings.encoded();
    }

    void endSubscription(Subscription s) {
        remove(s);
    }

    private void remove(Subscription s) {
        if (subscriptions.remove(s)) {
            encodings.release(s.encoding);
            replays.removeAll(s);
            s.members.clear();
            membersChanged = true;
        }
    }

    /**
     * Adds a member, which first catches up on what it asked for from the retained records
     * ({@link Replay}); it joins between two records, so nothing overlaps and nothing is missed.
     */
    void addMember(Subscription s, Connection c, int backlog, Long since, long lastSeq) {
        if (s.ended) {
            // Joined before the nexus heard that it ended: its bot makes this member leave too.
            tell(c, ErrorMessages.of(null, s.channel, s.endText));
            return;
        }
        if (s.member(c) != null || !subscriptions.contains(s)) {
            return;
        }
        Subscription.Member m = new Subscription.Member(c, s);
        m.replay = replays.replayFor(m, lastSeq, backlog, since);
        s.members.add(m);
        membersChanged = true;
        replays.start(m, lastSeq);
    }

    void removeMember(Subscription s, Connection c) {
        Subscription.Member m = s.member(c);
        if (m != null) {
            s.members.remove(m);
            membersChanged = true;
            replays.remove(m);
        }
    }
}

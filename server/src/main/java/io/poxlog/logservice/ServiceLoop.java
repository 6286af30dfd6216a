package io.poxlog.logservice;

import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.ErrorMessages;
import io.poxlog.messenger.core.Nexus;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;

/**
 * The log-service thread's half of {@link LogService}: its turns. Each turn runs the subscription
 * changes and numbers the records handed over in the service's queue, in order (records the queue
 * dropped get their numbers too), retains them, hands them to {@link Fanout} (delivered at the
 * end of the drain, or before the next change in it), advances the replays,
 * sends the gap notices that are due and flushes what was written; while idle it spins a little,
 * then parks until a producer wakes it.
 *
 * <p>The turns run on this thread, or, while every member's connection is written by one I/O
 * thread, on that thread ({@link HomeTurns}), this one waiting: one turn at a time, in order,
 * either way, and what is said below of the log-service thread holds for the thread running the turn.
 *
 * <p>Nothing thrown in a turn ends the thread (issue 10): what one subscription throws is
 * {@link Fanout}'s to handle; a turn that fails outside any subscription is reported and the next
 * one goes on; {@link #MAX_FAILED_TURNS} in a row stop the service loudly, and every member of a
 * log channel is told. Log-service thread only.
 */
final class ServiceLoop {
    /** Turns failing in a row, outside any one subscription, before the service gives up. */
    static final int MAX_FAILED_TURNS = 100;
    private static final int MAX_BATCH = 1024;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int IDLE_SPINS = 200;
    /** How soon to look again at a replay whose connection was full. */
    private static final long REPLAY_WAIT_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final LogService service;
    private final Nexus nexus;
    private final MpscArrayQueue<Object> queue;
    private final ConcurrentLinkedQueue<Runnable> lateControl;
    private final AtomicLong droppedAtQueue;
    private final AtomicLong published;
    private final ServiceFailures failures;
    /** Tests only: run at the start of each turn, outside every guard of one subscription; else null. */
    private final Runnable eachTurn;
    private final RecordRing ring;
    private final Fanout fanout;
    /** {@link #take}, made once: a method reference evaluated per turn is an object per turn. */
    private final MessagePassingQueue.Consumer<Object> taker = this::take;
    /** Turns run on the members' I/O thread. */
    private final HomeTurns homeTurns = new HomeTurns(this::turn, () -> this.drained, this::home);
    /** The records the last turn drained from the queue. */
    private int drained;
    /** Set as the thread starts. */
    private Gathering gathering;
    private long seq;
    private long dropsAccounted;
    private long lastDuties = System.nanoTime();

    /** The first record is numbered {@code seqBefore + 1}; {@code eachTurn} may be null. */
    ServiceLoop(LogService service, Nexus nexus, long seqBefore, Runnable eachTurn) {
        this.service = service;
        this.nexus = nexus;
        this.queue = service.queue;
        this.lateControl = service.lateControl;
        this.droppedAtQueue = service.droppedAtQueue;
        this.published = service.published;
        this.failures = service.failures;
        this.seq = seqBefore;
        this.eachTurn = eachTurn;
        this.ring = new RecordRing(service.config().retain());
        this.fanout = new Fanout(ring, new GapNotices(service.zone(), service.logId()), failures, service.droppedForSlow);
    }

    void run() {
        gathering = Gathering.forQueue(service.config().queueSize());
        int idle = 0;
        int failedTurns = 0;
        while (true) {
            int work;
            try {
                work = nextTurns();
                failedTurns = 0;
            } catch (Throwable t) {
                // Outside any one subscription (those are handled in Fanout): report and go on,
                // unless it fails turn after turn.
                if (++failedTurns >= MAX_FAILED_TURNS) {
                    die(t);
                    return;
                }
                failures.turnFailed(failedTurns, MAX_FAILED_TURNS, t);
                continue;
            }
            if (work > 0) {
                idle = 0;
                if (drained > 0 && service.running()) {
                    gathering.afterDrain(drained, service); // on this thread, wherever the turn ran
                }
                continue;
            }
            if (!service.running() && queue.isEmpty() && lateControl.isEmpty()) {
                break;
            }
            if (++idle < IDLE_SPINS) {
                Thread.onSpinWait();
                continue;
            }
            // Nothing to do: sleep until a producer wakes us, or the periodic duties are due
            // (sooner while a replay waits for its connection to drain).
            service.parked(true);
            if (queue.isEmpty() && service.running()) {
                LockSupport.parkNanos(service, fanout.replaysWaiting() ? REPLAY_WAIT_PARK_NANOS : IDLE_PARK_NANOS);
            }
            service.parked(false);
            idle = 0;
        }
    }

    /**
     * The next turn, here or on the members' I/O thread (then as many as follow at once there),
     * and how much they did. An idle turn is not handed over: the thread only spins or parks.
     */
    private int nextTurns() {
        Executor home = home();
        if (home == null) {
            return turn();
        }
        if (idle()) {
            drained = 0;
            return 0;
        }
        int work = homeTurns.run(home);
        return work == HomeTurns.NOT_RUN ? turn() : work;
    }

    /**
     * Where the turns run: the members' I/O thread ({@link Fanout#home}), or null for here. A
     * test's hook, which may hold the turn for a while, keeps them here, off an I/O thread.
     */
    private Executor home() {
        return eachTurn == null ? fanout.home() : null;
    }

    /** Whether a turn would find nothing to do: no records, changes, drops, replays, or duties due. */
    private boolean idle() {
        return queue.isEmpty() && lateControl.isEmpty() && droppedAtQueue.get() == dropsAccounted
                && !fanout.replaysActive() && System.nanoTime() - lastDuties <= IDLE_PARK_NANOS;
    }

    /** One turn: changes, records, replays, notices, flushes. Returns how much it did. */
    private int turn() {
        if (eachTurn != null) {
            eachTurn.run();
        }
        fanout.deliverPending(); // left by a turn that failed
        runLateControl();
        accountQueueDrops();
        int n = queue.drain(taker, MAX_BATCH);
        fanout.deliverPending();
        int replayed = fanout.advanceReplays(seq);
        long now = System.nanoTime();
        // Not on every turn: the notices are a scan of every member, and an idle thread turns
        // on every spin (a waiting replay's notices are its own, sent as it goes on).
        if (n > 0 || now - lastDuties > IDLE_PARK_NANOS) {
            fanout.sendDueGapNotices();
            lastDuties = now;
        }
        fanout.flushTouched();
        fanout.sweep();
        drained = n;
        return n + replayed;
    }

    private void take(Object o) {
        if (o instanceof LogRecord r) {
            publish(r);
        } else if (o instanceof Runnable task) {
            fanout.deliverPending(); // the change falls between the same two records as it was queued
            runControl(task);
        }
    }

    private void runLateControl() {
        Runnable task;
        while ((task = lateControl.poll()) != null) {
            runControl(task);
        }
    }

    private void runControl(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            failures.warn("log service: a subscription change failed: " + ServiceFailures.describe(t), t);
        }
    }

    private void publish(LogRecord r) {
        r.seq = ++seq;
        published.lazySet(seq);
        ring.add(r);
        fanout.publish(r);
    }

    /** Records the appender dropped get numbers too, so every subscriber sees the gap they left. */
    private void accountQueueDrops() {
        long d = droppedAtQueue.get();
        if (d == dropsAccounted) {
            return;
        }
        long first = seq + 1;
        seq += d - dropsAccounted;
        dropsAccounted = d;
        fanout.lostAtQueue(first, seq);
    }

    /** The service thread stops for good: said loudly, everywhere (issue 10). */
    private void die(Throwable t) {
        service.died(t); // first: joins are refused from now on, whatever fails below
        String text = "log service stopped: its thread failed " + MAX_FAILED_TURNS + " turns in a row, last with "
                + ServiceFailures.describe(t) + "; no record is streamed from now on (" + published.get()
                + " were published)";
        failures.died(text, t);
        try {
            // The records already batched go first, from the thread that batched them.
            Executor home = home();
            if (home == null) {
                fanout.flushEveryMember();
            } else {
                try {
                    home.execute(fanout::flushEveryMember);
                } catch (java.util.concurrent.RejectedExecutionException gone) {
                    // the loop has stopped, and its connections with it
                }
            }
            // Every member of a log channel, as the nexus knows them: joins this thread never
            // took too. Joins after this are refused.
            nexus.execute(() -> tellEveryLogChannelMember(text));
        } catch (Throwable ignored) {
            // said on standard error, in the status and as a record already
        }
    }

    /** Nexus thread: each member of each log channel is sent {@code text} as an error for that channel. */
    private void tellEveryLogChannelMember(String text) {
        for (String name : List.copyOf(nexus.channelNames())) {
            if (!name.equals(LogService.CHANNEL) && !name.startsWith(LogService.CHANNEL_PREFIX)) {
                continue;
            }
            for (Connection c : List.copyOf(nexus.channel(name).members())) {
                try {
                    c.send(ErrorMessages.of(null, name, text));
                } catch (Throwable ignored) {
                    // this connection is past help; the others are still told
                }
            }
        }
    }

    // ------------------------------------------------------------------ for the subscription changes, in tasks on this thread

    Fanout fanout() {
        return fanout;
    }

    /** Tests only: the hand-overs whose turns ran on the members' I/O thread. */
    long turnsHandedOver() {
        return homeTurns.ran();
    }

    /** The newest seq numbered (or accounted for, dropped at the queue). */
    long seq() {
        return seq;
    }
}

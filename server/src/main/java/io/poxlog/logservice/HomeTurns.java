package io.poxlog.logservice;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Runs the log service's turns on the thread that writes its members' connections, when they all
 * have the same one ({@link Fanout#home}): encoded there, a record's bytes go into the socket from
 * the core that has just written them. Handed from the service thread to the I/O thread instead,
 * they were read back from the other core's cache, by the I/O thread and then by the kernel's copy:
 * about 200 ns of CPU per record on the 2-core benchmark machine (BENCHMARKS.md).
 *
 * <p>The service thread still decides when turns run (its spins, parks and gathering are its
 * own): it hands them over and waits. A turn never runs on both threads at once: the task runs
 * only if it claims its hand-over first, and the service thread, after {@link #WAIT_NANOS} for a
 * task not yet started (a loop that is busy, or stopping), withdraws it and runs the turn itself.
 * Service thread only, but for the task.
 */
final class HomeTurns {
    /** How long the service thread waits for its task to start before it takes the turn back. */
    static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /**
     * What one hand-over may take at most: turns follow each other on the I/O thread while each
     * finds records to deliver, and the other connections of that thread wait meanwhile.
     */
    static final long BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    /** A turn that drained fewer records than this ends the hand-over: the service thread gathers ({@link Gathering}). */
    private static final int FULL_DRAIN = 32;
    /** What {@link #run} returns when the turns did not run on the home thread: run them here. */
    static final int NOT_RUN = -1;

    private static final int SUBMITTED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int WITHDRAWN = 3;

    private final AtomicInteger state = new AtomicInteger(DONE);
    private final IntSupplier turn;
    private final IntSupplier lastDrained;
    private final Supplier<Executor> where;
    private final Runnable task = this::runTurns;
    /** The executor of the hand-over under way; set before its task is submitted. */
    private Executor home;
    /** The service thread, unparked as the task ends. */
    private volatile Thread caller;
    /** Set by the task before {@link #state} says DONE, read after. */
    private int work;
    private Throwable failed;
    /** Hand-overs whose turns ran on the home thread; read by tests. */
    private volatile long ran;

    /**
     * @param turn one turn, returning its work
     * @param lastDrained the records the last turn drained from the queue
     * @param where where the turns are to run now ({@link Fanout#home}): a hand-over ends once a
     *     turn has changed that (a member joined from another thread, say)
     */
    HomeTurns(IntSupplier turn, IntSupplier lastDrained, Supplier<Executor> where) {
        this.turn = turn;
        this.lastDrained = lastDrained;
        this.where = where;
    }

    /**
     * Runs turns on {@code home} and waits for them: returns their work, or {@link #NOT_RUN} when
     * none ran there (the executor refused the task or did not start it in time). What a turn
     * threw is thrown here, as if the turn had run on this thread.
     */
    int run(Executor home) {
        caller = Thread.currentThread();
        this.home = home;
        state.set(SUBMITTED);
        try {
            home.execute(task);
        } catch (RejectedExecutionException stopping) {
            state.set(DONE);
            return NOT_RUN;
        }
        long deadline = System.nanoTime() + WAIT_NANOS;
        int s;
        while ((s = state.get()) != DONE) {
            if (s == SUBMITTED && System.nanoTime() - deadline > 0 && state.compareAndSet(SUBMITTED, WITHDRAWN)) {
                return NOT_RUN;
            }
            LockSupport.parkNanos(this, WAIT_NANOS);
        }
        Throwable t = failed;
        if (t != null) {
            failed = null;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(t);
        }
        return work;
    }

    /** Hand-overs whose turns ran on the home thread so far. */
    long ran() {
        return ran;
    }

    /** The I/O thread: turns while each drains a full batch, the turns still belong here, and the budget lasts. */
    private void runTurns() {
        if (!state.compareAndSet(SUBMITTED, RUNNING)) {
            return; // withdrawn: the service thread ran the turn itself
        }
        int total = 0;
        Throwable t = null;
        long deadline = System.nanoTime() + BUDGET_NANOS;
        try {
            do {
                total += turn.getAsInt();
            } while (lastDrained.getAsInt() >= FULL_DRAIN && where.get() == home && System.nanoTime() - deadline < 0);
        } catch (Throwable e) {
            t = e; // the service thread's to handle, as for a turn of its own
        }
        work = total;
        failed = t;
        ran++; // the task's alone: one runs at a time
        state.set(DONE);
        LockSupport.unpark(caller);
    }
}

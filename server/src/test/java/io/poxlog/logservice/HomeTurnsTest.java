package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Handing the service's turns to its members' I/O thread, and taking them back. */
class HomeTurnsTest {
    private final ExecutorService home = Executors.newSingleThreadExecutor(r -> new Thread(r, "home-io"));

    @AfterEach
    void stop() {
        home.shutdownNow();
    }

    @Test
    void theTurnRunsOnTheHomeThreadAndItsWorkIsReturned() {
        AtomicReference<String> ranOn = new AtomicReference<>();
        HomeTurns turns = new HomeTurns(() -> {
            ranOn.set(Thread.currentThread().getName());
            return 5;
        }, () -> 0, () -> home);

        assertThat(turns.run(home)).isEqualTo(5);
        assertThat(ranOn.get()).isEqualTo("home-io");
        assertThat(turns.ran()).isEqualTo(1);
    }

    /** Turns that each drain a full batch follow each other in one hand-over; the first that drains few ends it. */
    @Test
    void turnsFollowEachOtherWhileEachDrainsAFullBatch() {
        AtomicInteger count = new AtomicInteger();
        HomeTurns turns = new HomeTurns(() -> {
            count.incrementAndGet();
            return 10;
        }, () -> count.get() < 3 ? 1024 : 3, () -> home);

        assertThat(turns.run(home)).isEqualTo(30);
        assertThat(count.get()).isEqualTo(3);
    }

    /** A turn that moves the turns elsewhere (a member joined from another thread) ends the hand-over, full drains or not. */
    @Test
    void aTurnThatMovesTheTurnsElsewhereEndsTheHandOver() {
        AtomicInteger count = new AtomicInteger();
        java.util.concurrent.Executor elsewhere = Runnable::run;
        HomeTurns turns = new HomeTurns(count::incrementAndGet, () -> 1024, () -> count.get() < 2 ? home : elsewhere);

        turns.run(home);
        assertThat(count.get()).isEqualTo(2);
    }

    /** Records arriving faster than the turns take them: the hand-over still ends within its budget, and the service thread has its say. */
    @Test
    void aHandOverEndsAtItsBudgetEvenIfEveryTurnDrainsAFullBatch() {
        AtomicInteger count = new AtomicInteger();
        HomeTurns turns = new HomeTurns(() -> {
            long until = System.nanoTime() + HomeTurns.BUDGET_NANOS / 4;
            while (System.nanoTime() < until) {
                Thread.onSpinWait(); // a turn of a quarter of the budget
            }
            return count.incrementAndGet();
        }, () -> 1024, () -> home);

        turns.run(home);
        assertThat(count.get()).isBetween(1, 5);
    }

    @Test
    void whatATurnThrowsIsThrownToTheServiceThread() {
        HomeTurns failing = new HomeTurns(() -> {
            throw new IllegalStateException("a turn failed");
        }, () -> 0, () -> home);
        assertThatThrownBy(() -> failing.run(home)).isInstanceOf(IllegalStateException.class).hasMessage("a turn failed");

        HomeTurns erring = new HomeTurns(() -> {
            throw new OutOfMemoryError("simulated");
        }, () -> 0, () -> home);
        assertThatThrownBy(() -> erring.run(home)).isInstanceOf(OutOfMemoryError.class);
        // and the next hand-over goes on as before
        assertThat(new HomeTurns(() -> 1, () -> 0, () -> home).run(home)).isEqualTo(1);
    }

    @Test
    void anExecutorThatRefusesLeavesTheTurnToTheServiceThread() {
        AtomicInteger count = new AtomicInteger();
        HomeTurns turns = new HomeTurns(count::incrementAndGet, () -> 0, () -> home);

        assertThat(turns.run(task -> {
            throw new RejectedExecutionException("shutting down");
        })).isEqualTo(HomeTurns.NOT_RUN);
        assertThat(count.get()).isZero();
    }

    /**
     * A loop that does not start the task in time (busy, or stopping without refusing): the service
     * thread takes the turn back, and the task, when it does start, runs nothing, so that a turn
     * never runs on two threads.
     */
    @Test
    void aTaskNotStartedInTimeIsWithdrawnAndRunsNothingWhenItStarts() {
        AtomicInteger count = new AtomicInteger();
        HomeTurns turns = new HomeTurns(count::incrementAndGet, () -> 0, () -> home);
        List<Runnable> held = new ArrayList<>();

        long t0 = System.nanoTime();
        assertThat(turns.run(held::add)).isEqualTo(HomeTurns.NOT_RUN);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(HomeTurns.WAIT_NANOS);
        held.get(0).run(); // the loop gets to it at last
        assertThat(count.get()).isZero();
        assertThat(turns.ran()).isZero();

        // the next hand-over runs as usual, and the stale task cannot claim it
        assertThat(turns.run(home)).isEqualTo(1);
        held.get(0).run();
        assertThat(count.get()).isEqualTo(1);
    }
}

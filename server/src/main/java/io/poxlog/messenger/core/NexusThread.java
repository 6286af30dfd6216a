package io.poxlog.messenger.core;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread, "messenger-nexus", on which all of the nexus's state lives: work handed over
 * from any thread runs there in order, and work already on it runs at once. A task that throws
 * anything at all, an {@link Error} included, is logged and counted, and the same thread goes on
 * with the next task: it serves every client, so no one task may end it.
 */
final class NexusThread {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    private final ScheduledThreadPoolExecutor executor;
    private volatile Thread thread;
    private volatile boolean stopped;
    /** Tasks that threw; written by the nexus thread only. */
    private volatile long failures;

    NexusThread() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "messenger-nexus");
            t.setDaemon(true);
            thread = t;
            return t;
        });
        // A pending timer (an invited channel's expiry) must not hold stop() up.
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code task} on the nexus thread (at once when already on it); nothing after {@link #stop}. */
    void execute(Runnable task) {
        if (isCurrent()) {
            task.run();
            return;
        }
        if (stopped) {
            return;
        }
        try {
            executor.execute(() -> runGuarded(task));
        } catch (RejectedExecutionException stopping) {
            // stop() ran between the check and here: as after stop(), nothing runs.
        }
    }

    /**
     * Runs {@code task} on the nexus thread after {@code delay}; nothing after {@link #stop}. The
     * future cancels it (a cancelled task is removed at once, so a cancelled timer holds nothing).
     */
    Future<?> schedule(Runnable task, Duration delay) {
        if (stopped) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            return executor.schedule(() -> runGuarded(task), Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            return CompletableFuture.completedFuture(null); // as in execute
        }
    }

    /** Runs {@code task} on the nexus thread and gives its result. */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    /** Tasks handed over and not yet started: how far behind the thread is. */
    int pending() {
        return executor.getQueue().size();
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
    }

    /** How many tasks have thrown since the start (each was logged, as far as memory allowed). */
    long failures() {
        return failures;
    }

    private void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable e) {
            failed(e);
        }
    }

    private void failed(Throwable e) {
        failures++;
        try {
            log.error("A nexus task failed with {}; the nexus thread goes on with the next one ({} failed so far)",
                    e, failures, e);
        } catch (Throwable alsoFailed) {
            // Out of memory even for the log line: the count above still tells.
        }
    }

    /** Stops after the work already handed over, waiting at most the timeout. Safe twice. */
    void stop(long timeout, TimeUnit unit) throws InterruptedException {
        if (stopped) {
            return;
        }
        stopped = true;
        executor.shutdown();
        if (!executor.awaitTermination(timeout, unit)) {
            executor.shutdownNow();
        }
    }
}

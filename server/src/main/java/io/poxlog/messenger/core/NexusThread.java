package io.poxlog.messenger.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread, "messenger-nexus", on which all of the nexus's state lives: work handed over
 * from any thread runs there in order, and work already on it runs at once. A task that throws
 * is logged and does not stop the thread.
 */
final class NexusThread {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    private final ExecutorService executor;
    private volatile Thread thread;
    private volatile boolean stopped;

    NexusThread() {
        executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "messenger-nexus");
            t.setDaemon(true);
            thread = t;
            return t;
        });
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
        executor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.error("Nexus task failed", e);
            }
        });
    }

    /** Runs {@code task} on the nexus thread and gives its result. */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    boolean isCurrent() {
        return Thread.currentThread() == thread;
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

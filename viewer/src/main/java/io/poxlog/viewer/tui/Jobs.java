package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.Scan;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Long work of one kind the UI thread hands off, searches or {@code :write}s, on a background
 * thread of its own, so that keys are answered and frames drawn however long it takes. One job
 * at a time: starting one calls off the one running, whose result is then dropped. A job says how far
 * it is through its {@link Progress} and returns what to do when it is done, which the UI thread
 * runs between frames ({@link #runFinished}); Esc calls it off ({@link #cancel}).
 *
 * <p>Threads: the UI thread calls everything here; a job runs on the job thread and touches no
 * UI state but its Progress. The thread is started when needed and ends after a few idle seconds.
 */
final class Jobs implements AutoCloseable {
    /** Work for the job thread. */
    interface Job {
        /**
         * Does the work, reporting to {@code p}; returns what to do on the UI thread when done. A
         * job called off throws {@link Scan.Cancelled} or returns what to say about it.
         */
        Runnable run(Progress p) throws Exception;
    }

    /** How far a job is, for the bottom line. Written by the job thread, read by the UI thread. */
    static final class Progress {
        private final String what;
        private final String unit;
        private volatile long done;
        private volatile long total = -1;
        private volatile boolean cancelled;

        Progress(String what, String unit) {
            this.what = what;
            this.unit = unit;
        }

        void set(long doneNow, long totalNow) {
            done = doneNow;
            total = totalNow;
        }

        boolean cancelled() {
            return cancelled;
        }

        void cancel() {
            cancelled = true;
        }

        /** "searching /x/: 12,000 of 100,000 records (Esc cancels)". */
        String describe() {
            long t = total;
            String count = t < 0 ? "" : String.format(Locale.ROOT, ": %,d of %,d %s", done, t, unit);
            return what + count + " (Esc cancels)";
        }
    }

    private final ThreadPoolExecutor thread;
    private final Queue<Runnable> finished = new ConcurrentLinkedQueue<>();
    private final MessageLine messages;
    private Progress running;

    /** @param threadName the name of its thread ("pox-log-search") */
    Jobs(String threadName, MessageLine messages) {
        this.messages = messages;
        thread = new ThreadPoolExecutor(0, 1, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts {@code job}, calling off the one running. {@code what} ("searching /x/") and
     * {@code unit} ("records") say on the bottom line how far it is; {@code cancelled} is what
     * Esc makes it say ("search cancelled").
     */
    void start(String what, String unit, String cancelled, Job job) {
        cancel();
        Progress p = new Progress(what, unit);
        running = p;
        thread.execute(() -> {
            Runnable then;
            try {
                then = job.run(p);
            } catch (Scan.Cancelled c) {
                then = () -> messages.say(cancelled);
            } catch (Exception | Error e) { // whatever happened, the UI must hear the job is over
                then = () -> messages.complain(what + " failed: " + e);
            }
            Runnable result = then;
            finished.add(() -> {
                if (running == p) { // not a job called off since
                    running = null;
                    result.run();
                }
            });
        });
    }

    /** The running job's progress, or null. */
    Progress running() {
        return running;
    }

    /** Calls off the running job; false when there is none. */
    boolean cancel() {
        Progress p = running;
        if (p == null) {
            return false;
        }
        p.cancel();
        return true;
    }

    /** Runs what finished jobs left for the UI thread; true when there was something. */
    boolean runFinished() {
        boolean any = false;
        Runnable r;
        while ((r = finished.poll()) != null) {
            r.run();
            any = true;
        }
        return any;
    }

    @Override
    public void close() {
        cancel();
        running = null;
        thread.shutdownNow();
    }
}

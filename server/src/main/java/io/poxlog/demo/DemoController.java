package io.poxlog.demo;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated SDN controller: a POX-like OpenFlow controller managing a small Mininet-style
 * network, whose only output is its log. It gives poxlog something real-looking to stream:
 * newcomers watch it in a viewer, benchmarks use it as a steady load at a chosen rate. It
 * talks to no switch and opens no socket; it only logs, through SLF4J, under POX's logger
 * names, at every level, with arguments and the odd stack trace (see {@link DemoEvents}).
 *
 * <p>Threads: {@link #start()} runs one named daemon thread, {@code demo-controller}, which
 * makes every log call and paces itself to the requested rate over time: it logs in small
 * bursts against {@link System#nanoTime()} deadlines and parks between them, so a low rate
 * costs almost nothing and a high one runs as fast as logging allows. A slow appender slows
 * the demo, never its caller. {@code start}, {@code stop} and {@code recordsLogged} may be
 * called from any thread.
 *
 * <p>A failure inside the generator does not end the thread: the first one is logged at ERROR
 * on the {@code demo} logger, later ones are only counted, and the demo carries on.
 */
public final class DemoController {
    /** Records per second when nobody asks for more: lively, yet readable as it scrolls. */
    public static final int DEFAULT_RATE = 20;
    public static final int MAX_RATE = 10_000_000;
    static final String THREAD_NAME = "demo-controller";
    /** Leaves room under the promised 2 s for join's own slack. */
    static final long STOP_TIMEOUT_MILLIS = 1_500;

    /** Records per burst before the clock and the stop flag are looked at again. */
    private static final int MAX_BURST = 1_024;
    /** An upper bound on one park, so a lost wake-up costs at most this much. */
    private static final long MAX_PARK_NANOS = 100_000_000L;
    private static final Logger log = LoggerFactory.getLogger("demo");

    private final int recordsPerSecond;
    private final Supplier<? extends EventSource> sources;
    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    /** Parks between bursts, over all runs: none while the demo is behind its rate (tests). */
    private final AtomicLong parks = new AtomicLong();
    private Runner runner; // guarded by this
    private Thread thread; // guarded by this

    /** A demo with a different story each run; see {@link #DemoController(int, long)}. */
    public DemoController(int recordsPerSecond) {
        this(recordsPerSecond, () -> new DemoEvents(ThreadLocalRandom.current().nextLong()));
    }

    /** A demo whose every run logs the same sequence of records for the same seed. */
    public DemoController(int recordsPerSecond, long seed) {
        this(recordsPerSecond, () -> new DemoEvents(seed));
    }

    /** For tests: {@code sources} gives the event source for each run of the thread. */
    DemoController(int recordsPerSecond, Supplier<? extends EventSource> sources) {
        if (recordsPerSecond < 1 || recordsPerSecond > MAX_RATE) {
            throw new IllegalArgumentException(
                    "recordsPerSecond must be between 1 and " + MAX_RATE + ", got " + recordsPerSecond);
        }
        this.recordsPerSecond = recordsPerSecond;
        this.sources = Objects.requireNonNull(sources, "sources");
    }

    /** Starts the {@code demo-controller} thread; does nothing if it is already running. */
    public synchronized DemoController start() {
        if (runner == null) {
            Runner r = new Runner(sources.get());
            Thread t = new Thread(r, THREAD_NAME);
            t.setDaemon(true); // a forgotten demo must not keep the JVM alive
            t.start();
            runner = r;
            thread = t;
        }
        return this;
    }

    /**
     * Stops the thread and waits for it at most 1.5 s; does nothing
     * if it is not running. Only a log call that blocks longer than that (a stuck appender)
     * outlives the wait; the daemon thread then ends as soon as that call returns.
     */
    public synchronized void stop() {
        Runner r = runner;
        Thread t = thread;
        if (r == null) {
            return;
        }
        runner = null;
        thread = null;
        r.running = false;
        LockSupport.unpark(t);
        if (t == Thread.currentThread()) {
            return; // called from a log call on the demo thread: it ends when that call returns
        }
        try {
            t.join(STOP_TIMEOUT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many log calls the demo has made so far, over all its runs; updated after each burst. */
    public long recordsLogged() {
        return logged.get();
    }

    /** For tests: how often the demo thread parked because nothing was due. */
    long parks() {
        return parks.get();
    }

    /** For tests: the running thread, or null. */
    synchronized Thread thread() {
        return thread;
    }

    /** For tests: how many times the event source has thrown. */
    long failures() {
        return failures.get();
    }

    /** The first failure is worth a stack trace; a thousand copies of it would drown the demo. */
    private int reportFailure(RuntimeException e) {
        if (failures.getAndIncrement() > 0) {
            return 0;
        }
        log.error("Simulated event failed; the demo carries on and counts further failures silently", e);
        return 1;
    }

    /** One run of the thread. Its own stop flag, so a restart cannot revive a late old run. */
    private final class Runner implements Runnable {
        private final EventSource source;
        private volatile boolean running = true;

        Runner(EventSource source) {
            this.source = source;
        }

        @Override
        public void run() {
            try {
                pace();
            } catch (Throwable t) { // an Error: not worth carrying on after, but never silent
                log.error("{} stopped by an unexpected error", THREAD_NAME, t);
            }
        }

        private void pace() {
            double nanosPerRecord = 1e9 / recordsPerSecond;
            // After a stall (GC, a slow appender, a suspended laptop) catch up at most one
            // second's worth rather than flood the viewer with everything that was missed.
            long maxBacklog = recordsPerSecond;
            long start = System.nanoTime();
            long slots = 0; // records paced so far in this run, counted from start
            while (running) {
                long elapsed = System.nanoTime() - start;
                // Record k is due at k * nanosPerRecord: the first one at once.
                long due = (long) (elapsed / nanosPerRecord) + 1;
                long behind = due - slots;
                if (behind <= 0) {
                    // Nothing due: park until the next record is, never spin. At high rates this
                    // oversleeps by the timer's slack, and the next burst simply makes up for it.
                    long wait = (long) (slots * nanosPerRecord) - elapsed;
                    parks.incrementAndGet();
                    LockSupport.parkNanos(this, Math.max(1, Math.min(wait, MAX_PARK_NANOS)));
                    continue;
                }
                if (behind > maxBacklog) {
                    slots = due - maxBacklog;
                    behind = maxBacklog;
                }
                slots += burst((int) Math.min(behind, MAX_BURST));
            }
        }

        /** Logs about {@code want} records; returns the pacing slots used. */
        private long burst(int want) {
            long slots = 0;
            int made = 0;
            try {
                while (slots < want) {
                    int n = source.emit();
                    made += n;
                    slots += Math.max(n, 1); // a source that logs nothing must still use up time
                }
            } catch (RuntimeException e) {
                // The failed attempt takes a slot too, so a source that always throws is paced
                // like any other instead of spinning the thread.
                slots++;
                made += reportFailure(e);
            }
            logged.addAndGet(made);
            return slots;
        }
    }
}

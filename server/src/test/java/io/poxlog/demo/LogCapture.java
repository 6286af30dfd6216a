package io.poxlog.demo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.AppenderBase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.LoggerFactory;

/**
 * Captures what the demo logs, straight from logback's root logger: opens the root to TRACE
 * and swaps its appenders for a recorder, so a test sees every level and the console is not
 * flooded; {@link #close()} puts the level and appenders back.
 *
 * <p>Only events logged by a {@code demo-controller} thread or by the thread that opened the
 * capture count, so that a thread left over from another test cannot add to them. The recorder
 * keeps the first {@code capacity} of those and only counts the rest, so a demo running at a
 * high rate cannot fill the heap. The {@code demo-controller} thread appends
 * (under the appender's own lock, as {@link AppenderBase#doAppend} takes it); the test thread
 * reads snapshots under the same lock.
 */
final class LogCapture implements AutoCloseable {
    private final Logger root;
    private final Level savedLevel;
    private final List<Appender<ILoggingEvent>> savedAppenders = new ArrayList<>();
    private final Recorder recorder;

    private LogCapture(int capacity) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        savedLevel = root.getLevel();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            savedAppenders.add(it.next());
        }
        recorder = new Recorder(capacity);
        recorder.setContext(context);
        recorder.setName("demo-test-recorder");
        recorder.start();
        savedAppenders.forEach(root::detachAppender);
        root.addAppender(recorder);
        root.setLevel(Level.TRACE);
    }

    /** Records up to {@code capacity} events of the demo's and this thread's, at every level. */
    static LogCapture onRoot(int capacity) {
        return new LogCapture(capacity);
    }

    /** Sets the root level for the rest of the capture; {@link #close()} still restores it. */
    void rootLevel(Level level) {
        root.setLevel(level);
    }

    /** How many events arrived, recorded or not. */
    long count() {
        return recorder.count.get();
    }

    /** A copy of the recorded events, in order. */
    List<ILoggingEvent> events() {
        synchronized (recorder) {
            return new ArrayList<>(recorder.events);
        }
    }

    /** Waits, up to {@code timeout}, until at least {@code n} events arrived. */
    void awaitCount(long n, Duration timeout) {
        until(n + " log events (have " + count() + ")", timeout, () -> count() >= n);
    }

    /** Polls a condition until it holds or the deadline passes; tests never sleep a guess. */
    static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            LockSupport.parkNanos(2_000_000);
        }
    }

    @Override
    public void close() {
        root.detachAppender(recorder);
        recorder.stop();
        savedAppenders.forEach(root::addAppender);
        root.setLevel(savedLevel);
    }

    private static final class Recorder extends AppenderBase<ILoggingEvent> {
        private final Thread owner = Thread.currentThread();
        private final int capacity;
        private final List<ILoggingEvent> events = new ArrayList<>(); // guarded by this
        private final AtomicLong count = new AtomicLong();

        Recorder(int capacity) {
            this.capacity = capacity;
        }

        @Override
        protected void append(ILoggingEvent event) {
            Thread t = Thread.currentThread();
            if (t != owner && !t.getName().equals(DemoController.THREAD_NAME)) {
                return;
            }
            // Called inside doAppend's synchronized block, so the list needs no lock of its own.
            if (events.size() < capacity) {
                // Fixes the thread name and formatted message now: logback computes them lazily,
                // and read later from the test thread they would name the wrong thread.
                event.prepareForDeferredProcessing();
                events.add(event);
            }
            count.incrementAndGet();
        }
    }
}

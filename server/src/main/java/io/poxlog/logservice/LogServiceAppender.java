package io.poxlog.logservice;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.FilterReply;

/**
 * The logback appender that feeds a running {@link LogService}: {@code bin/controller}'s
 * {@code messenger.log_service} attaches one to the root logger, and the embedding's
 * {@code io.poxlog.embedding.MessengerAppender} (declared in an application's logback.xml) is
 * one, bound once the service it starts is running.
 *
 * <p>{@link #append} runs on the application's logging threads and only enqueues: no lock shared
 * with I/O, no wait, no socket write. It never throws into the application.
 *
 * <p>{@link #doAppend} is logback's, with its guard against re-entry kept in one thread-local
 * lookup per call instead of three (a get and two sets): those were about a tenth of the
 * logging thread's time on the benchmark's log path.
 */
public class LogServiceAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    /** Warnings and errors the appender itself reports at most, as logback's base class does. */
    private static final int ALLOWED_REPEATS = 3;
    private volatile LogService service;
    private volatile boolean includeCallerData;
    /** Per logging thread: true while this appender appends on it, so that a record logged meanwhile is not (logback's guard). */
    private final ThreadLocal<boolean[]> appending = ThreadLocal.withInitial(() -> new boolean[1]);
    private int notStartedWarnings;
    private int failures;

    /** Bound to a log service someone else runs (bin/controller). */
    public LogServiceAppender(LogService service) {
        this();
        bind(service);
    }

    /** Bound later, with {@link #bind}: until then, {@link #offerUnbound} has each record. */
    protected LogServiceAppender() {
        setName("messenger");
    }

    /** From now on records go to {@code s}; null unbinds. */
    protected final void bind(LogService s) {
        if (s != null) {
            includeCallerData = s.config().includeCallerData();
        }
        service = s;
    }

    /**
     * As logback's: a record logged on this thread while the appender appends (by a filter, or an
     * argument's {@code toString}) is not appended, rather than recursing; the appender must be
     * started, its filters may deny; nothing it throws reaches the application.
     */
    @Override
    public void doAppend(ILoggingEvent event) {
        boolean[] busy = appending.get();
        if (busy[0]) {
            return;
        }
        busy[0] = true;
        try {
            if (!isStarted()) {
                if (notStartedWarnings++ < ALLOWED_REPEATS) {
                    addWarn("Attempted to append to non started appender [" + getName() + "].");
                }
            } else if (getFilterChainDecision(event) != FilterReply.DENY) {
                append(event);
            }
        } catch (RuntimeException e) {
            if (failures++ < ALLOWED_REPEATS) {
                addError("Appender [" + getName() + "] failed to append.", e);
            }
        } finally {
            busy[0] = false;
        }
    }

    @Override
    protected void append(ILoggingEvent event) {
        LogService s = service;
        if (s == null) {
            offerUnbound(event);
        } else if (s.streams(event.getLoggerName(), event.getLevel())) {
            LogRecord r = record(event);
            if (r != null) {
                s.offer(r);
            }
        }
    }

    /**
     * {@code event} as a record, on the logging thread, which alone knows its thread and caller;
     * null (and a warning) when it cannot be made one: the logging path never throws into the
     * application.
     */
    protected final LogRecord record(ILoggingEvent event) {
        try {
            event.getThreadName();
            if (includeCallerData) {
                event.getCallerData();
            }
            boolean freeze = !LogRecord.argumentsAreValues(event.getArgumentArray());
            return new LogRecord(event, Thread.currentThread().getId(), freeze);
        } catch (RuntimeException e) {
            addWarn("MessengerAppender dropped a record: " + e);
            return null;
        }
    }

    /** Whether records carry their caller (file, line, function): costly, captured per call. */
    protected final void setCaptureCallerData(boolean capture) {
        includeCallerData = capture;
    }

    /** A record logged while no service is bound: dropped here; the embedding keeps it. */
    protected void offerUnbound(ILoggingEvent event) {
    }

    /** The service this appender feeds, or null while unbound. */
    public LogService logService() {
        return service;
    }
}

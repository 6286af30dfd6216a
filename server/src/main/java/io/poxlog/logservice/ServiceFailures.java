package io.poxlog.logservice;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.ErrorStatus;
import ch.qos.logback.core.status.WarnStatus;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the log service reports what went wrong on its thread (issue 10: nothing one client does
 * may stop the log silently). A failure per record goes to logback's status only, never to a
 * logger, so that it cannot become a record that fails again; a subscription ended by failure is
 * also logged once as an ERROR record (the operator and every other subscriber see it); the
 * service thread's own death is shouted: standard error, logback's status, and an ERROR record
 * through the controller's other appenders. Reports past {@link #MAX_REPORTS} are counted only.
 * Log-service thread, but for {@link #count}.
 */
final class ServiceFailures {
    private static final int MAX_REPORTS = 100;
    /** A failure's text is kept to this: an exception's message can be megabytes long. */
    private static final int MAX_TEXT = 1000;

    private final LoggerContext context;
    private final Object origin;
    private final AtomicLong count = new AtomicLong();

    ServiceFailures(LoggerContext context, Object origin) {
        this.context = context;
        this.origin = origin;
    }

    /** Failures since start, reported or not. */
    long count() {
        return count.get();
    }

    /** The failure's text, shortened; never throws, whatever its toString does. */
    static String describe(Throwable t) {
        String s;
        try {
            s = String.valueOf(t);
        } catch (Throwable e) {
            s = t.getClass().getName();
        }
        return RecordLimit.shorten(s, MAX_TEXT);
    }

    /** A failure that harms one record for some subscribers, or one subscription change. */
    void warn(String text, Throwable t) {
        if (count.incrementAndGet() <= MAX_REPORTS) {
            status(new WarnStatus(text, origin, t));
        }
    }

    /** A subscription ended by {@code t}; its members have been told. */
    void subscriptionEnded(String text, Throwable t) {
        if (count.incrementAndGet() <= MAX_REPORTS) {
            status(new ErrorStatus(text, origin, t));
            record(text, t);
        }
    }

    /**
     * A turn of the service failed outside any one subscription, the {@code inARow}th in a row;
     * it goes on. Never throws: this runs in the catch that keeps the service thread alive.
     */
    void turnFailed(int inARow, int max, Throwable t) {
        if (count.incrementAndGet() > MAX_REPORTS) {
            return;
        }
        try {
            String text = "log service: a turn of the service thread failed (" + inARow + " in a row; it stops at "
                    + max + "): " + describe(t);
            status(new ErrorStatus(text, origin, t));
            System.err.println(text);
        } catch (Throwable ignored) {
            // counted; the report itself failed (no memory to build it, a broken standard error)
        }
    }

    /** The service thread stops: said everywhere it can be, whatever came before. */
    void died(String text, Throwable t) {
        count.incrementAndGet();
        try {
            System.err.println("*** " + text + " ***");
            t.printStackTrace(System.err);
        } catch (Throwable ignored) {
            // standard error itself failed: the status and the record below may still work
        }
        status(new ErrorStatus(text, origin, t));
        record(text, t);
    }

    private void status(ch.qos.logback.core.status.Status s) {
        try {
            context.getStatusManager().add(s);
        } catch (Throwable ignored) {
            // reporting must not fail the service in turn
        }
    }

    private void record(String text, Throwable t) {
        try {
            context.getLogger(LogService.LOGGER).error(text, t);
        } catch (Throwable ignored) {
            // an appender failing on it must not fail the service in turn
        }
    }
}

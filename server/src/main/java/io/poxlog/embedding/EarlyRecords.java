package io.poxlog.embedding;

import io.poxlog.logservice.LogRecord;
import io.poxlog.logservice.LogService;
import java.util.ArrayList;
import java.util.List;

/**
 * The records the application logs between the appender's start and the log service's: kept, up
 * to the service's queue size, and handed to the service, in order, once it runs; the rest are
 * counted. Only this short window takes a lock; afterwards the appender offers straight to the
 * service.
 */
final class EarlyRecords {
    private final int capacity;
    private List<LogRecord> kept = new ArrayList<>();
    private long dropped;
    private LogService service;

    EarlyRecords(int capacity) {
        this.capacity = capacity;
    }

    /** Keeps {@code r}, or offers it to the service if that now runs. */
    synchronized void add(LogRecord r) {
        if (service != null) {
            service.offer(r);
        } else if (kept != null && kept.size() < capacity) {
            kept.add(r);
        } else {
            dropped++;
        }
    }

    /** Hands what was kept to {@code s}, which takes every later record too. */
    synchronized void handTo(LogService s) {
        for (LogRecord r : kept) {
            s.offer(r);
        }
        kept = null;
        service = s;
    }

    /** Forgets what was kept: the service never started. Returns how many that was. */
    synchronized int discard() {
        int n = kept == null ? 0 : kept.size();
        kept = null;
        return n;
    }

    synchronized long dropped() {
        return dropped;
    }
}

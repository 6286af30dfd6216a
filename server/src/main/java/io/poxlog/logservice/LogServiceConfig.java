package io.poxlog.logservice;

import java.util.List;

/**
 * The log service's bounds and choices.
 *
 * @param retain how many recent records are kept for {@code backlog} and {@code since}
 * @param queueSize how many records may wait between the logging threads and the service thread;
 *     past that, records are dropped, counted, and reported to subscribers as a gap
 * @param includeCallerData whether to capture the caller (file, line, function) on the logging
 *     thread, which is costly (a stack walk per record)
 * @param quietLoggers logger name prefixes whose records below INFO are never streamed, so that
 *     the messenger's own I/O logging cannot feed on itself
 * @param loggerLimits the bounds on logger names from clients and the loggers they create
 * @param maxRecordBytes the most bytes one record may become for one subscription: settings that
 *     could make more of every record are refused, and a longer record is sent cut, and says so
 * @param maxLevelFor seconds: when more than 0, every level change a client makes is timed, at most
 *     this long (longer and untimed requests are capped, and told so); 0: no cap
 */
public record LogServiceConfig(int retain, int queueSize, boolean includeCallerData, List<String> quietLoggers,
                               LoggerLimits loggerLimits, int maxRecordBytes, int maxLevelFor) {
    public static final int DEFAULT_RETAIN = 10_000;
    public static final int DEFAULT_QUEUE_SIZE = 65_536;
    public static final List<String> DEFAULT_QUIET_LOGGERS = List.of("messenger", "io.netty", "core");
    /** 1 MiB: a stack trace of thousands of frames fits; a format cannot make a record of megabytes. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** Room for a cut record's marker, its level and logger, and some of its message. */
    public static final int MIN_MAX_RECORD_BYTES = 64 * 1024;
    /** No cap: a level change lasts until the next one, as in POX. */
    public static final int DEFAULT_MAX_LEVEL_FOR = 0;
    /** The longest cap, and the longest timed change: a week. */
    public static final int MAX_LEVEL_FOR = (int) TimedLevels.MAX_FOR_SECONDS;

    public static final LogServiceConfig DEFAULTS = new LogServiceConfig(DEFAULT_RETAIN, DEFAULT_QUEUE_SIZE, false,
            DEFAULT_QUIET_LOGGERS, LoggerLimits.DEFAULTS, DEFAULT_MAX_RECORD_BYTES, DEFAULT_MAX_LEVEL_FOR);

    public LogServiceConfig {
        if (retain < 0) {
            throw new IllegalArgumentException("retain must be 0 or more, not " + retain);
        }
        if (queueSize < 16) {
            throw new IllegalArgumentException("queueSize must be at least 16, not " + queueSize);
        }
        if (maxRecordBytes < MIN_MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes must be at least " + MIN_MAX_RECORD_BYTES + ", not "
                    + maxRecordBytes);
        }
        if (maxLevelFor < 0 || maxLevelFor > MAX_LEVEL_FOR) {
            throw new IllegalArgumentException("maxLevelFor must be from 0 (no cap) to " + MAX_LEVEL_FOR + " seconds, not "
                    + maxLevelFor);
        }
        quietLoggers = List.copyOf(quietLoggers);
        if (loggerLimits == null) {
            throw new IllegalArgumentException("loggerLimits must be given");
        }
    }

    /** With the default logger limits and {@link #DEFAULT_MAX_RECORD_BYTES}. */
    public LogServiceConfig(int retain, int queueSize, boolean includeCallerData, List<String> quietLoggers) {
        this(retain, queueSize, includeCallerData, quietLoggers, LoggerLimits.DEFAULTS, DEFAULT_MAX_RECORD_BYTES,
                DEFAULT_MAX_LEVEL_FOR);
    }

    /** Without a cap on level changes. */
    public LogServiceConfig(int retain, int queueSize, boolean includeCallerData, List<String> quietLoggers,
                            LoggerLimits loggerLimits, int maxRecordBytes) {
        this(retain, queueSize, includeCallerData, quietLoggers, loggerLimits, maxRecordBytes, DEFAULT_MAX_LEVEL_FOR);
    }

    public LogServiceConfig withRetain(int n) {
        return new LogServiceConfig(n, queueSize, includeCallerData, quietLoggers, loggerLimits, maxRecordBytes, maxLevelFor);
    }

    public LogServiceConfig withQueueSize(int n) {
        return new LogServiceConfig(retain, n, includeCallerData, quietLoggers, loggerLimits, maxRecordBytes, maxLevelFor);
    }

    public LogServiceConfig withIncludeCallerData(boolean b) {
        return new LogServiceConfig(retain, queueSize, b, quietLoggers, loggerLimits, maxRecordBytes, maxLevelFor);
    }

    public LogServiceConfig withLoggerLimits(LoggerLimits l) {
        return new LogServiceConfig(retain, queueSize, includeCallerData, quietLoggers, l, maxRecordBytes, maxLevelFor);
    }

    public LogServiceConfig withMaxLevelFor(int seconds) {
        return new LogServiceConfig(retain, queueSize, includeCallerData, quietLoggers, loggerLimits, maxRecordBytes,
                seconds);
    }

    public LogServiceConfig withMaxRecordBytes(int n) {
        return new LogServiceConfig(retain, queueSize, includeCallerData, quietLoggers, loggerLimits, n, maxLevelFor);
    }
}

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
 */
public record LogServiceConfig(int retain, int queueSize, boolean includeCallerData, List<String> quietLoggers,
        LoggerLimits loggerLimits) {
    public static final int DEFAULT_RETAIN = 10_000;
    public static final int DEFAULT_QUEUE_SIZE = 65_536;
    public static final List<String> DEFAULT_QUIET_LOGGERS = List.of("messenger", "io.netty", "core");

    public static final LogServiceConfig DEFAULTS =
            new LogServiceConfig(DEFAULT_RETAIN, DEFAULT_QUEUE_SIZE, false, DEFAULT_QUIET_LOGGERS, LoggerLimits.DEFAULTS);

    public LogServiceConfig {
        if (retain < 0) {
            throw new IllegalArgumentException("retain must be 0 or more, not " + retain);
        }
        if (queueSize < 16) {
            throw new IllegalArgumentException("queueSize must be at least 16, not " + queueSize);
        }
        quietLoggers = List.copyOf(quietLoggers);
        if (loggerLimits == null) {
            throw new IllegalArgumentException("loggerLimits must be given");
        }
    }

    public LogServiceConfig withRetain(int n) {
        return new LogServiceConfig(n, queueSize, includeCallerData, quietLoggers, loggerLimits);
    }

    public LogServiceConfig withQueueSize(int n) {
        return new LogServiceConfig(retain, n, includeCallerData, quietLoggers, loggerLimits);
    }

    public LogServiceConfig withIncludeCallerData(boolean b) {
        return new LogServiceConfig(retain, queueSize, b, quietLoggers, loggerLimits);
    }

    public LogServiceConfig withLoggerLimits(LoggerLimits l) {
        return new LogServiceConfig(retain, queueSize, includeCallerData, quietLoggers, l);
    }
}

package io.poxlog.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LoggerLimits;
import io.poxlog.logservice.LogServiceAppender;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code messenger.log_service}: stream the controller's log and take level commands
 * (PROTOCOL.md §5). Attaches a {@link LogServiceAppender} to the root logger, or hands the
 * service to the runtime's log sink (an embedding application's appender).
 */
final class LogServiceComponent implements Component {
    /** A record past this would hold most of a connection's 64 MiB before it closes. */
    private static final int MAX_RECORD_BYTES_OPTION = 16 * 1024 * 1024;

    @Override
    public String name() {
        return "messenger.log_service";
    }

    @Override
    public String description() {
        return "the log service: --retain (10000 records kept for backlog/since) --queue_size (65536) "
                + "--caller_data (capture file/line/function; costly) --max_remote_loggers (2000 loggers that "
                + "level commands and injected records may create) "
                + "--max_record_bytes (1048576: the most one record may become for one subscriber) "
                + "--max_level_for (seconds: every remote level change is timed, at most that long; off by default)";
    }

    @Override
    public Set<String> options() {
        return Set.of("retain", "queue_size", "caller_data", "max_remote_loggers", "max_record_bytes", "max_level_for");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        config(r);
    }

    private static LogServiceConfig config(ComponentRequest r) throws UsageException {
        String callerData = r.option("caller_data", "false");
        if (!callerData.equals("true") && !callerData.equals("false")) {
            throw new UsageException(r.name() + ": --caller_data takes no value, or true/false, not '" + callerData + "'");
        }
        return LogServiceConfig.DEFAULTS
                .withRetain(r.intOption("retain", LogServiceConfig.DEFAULT_RETAIN, 0, 10_000_000))
                .withQueueSize(r.intOption("queue_size", LogServiceConfig.DEFAULT_QUEUE_SIZE, 16, 100_000_000))
                .withIncludeCallerData(Boolean.parseBoolean(callerData))
                .withLoggerLimits(LoggerLimits.DEFAULTS.withMaxCreatedLoggers(r.intOption("max_remote_loggers",
                        LoggerLimits.DEFAULT_MAX_CREATED_LOGGERS, 0, 10_000_000)))
                .withMaxRecordBytes(r.intOption("max_record_bytes", LogServiceConfig.DEFAULT_MAX_RECORD_BYTES,
                        LogServiceConfig.MIN_MAX_RECORD_BYTES, MAX_RECORD_BYTES_OPTION))
                .withMaxLevelFor(r.intOption("max_level_for", LogServiceConfig.DEFAULT_MAX_LEVEL_FOR, 0,
                        LogServiceConfig.MAX_LEVEL_FOR));
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        LoggerContext ctx = runtime.loggerContext();
        LogService service = new LogService(runtime.nexus(), ctx, config(r)).start();
        if (runtime.logSink() != null) {
            // Embedded: the application's own appender feeds it (io.poxlog.embedding).
            runtime.onStop(() -> service.stop(5, TimeUnit.SECONDS));
            runtime.logSink().accept(service);
            return;
        }
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(ctx);
        appender.start();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        runtime.onStop(() -> {
            // Deliver what was logged before shutdown, then detach.
            service.stop(5, TimeUnit.SECONDS);
            root.detachAppender(appender);
            appender.stop();
        });
    }
}

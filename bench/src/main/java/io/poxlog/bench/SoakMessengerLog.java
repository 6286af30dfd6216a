package io.poxlog.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Counts what the messenger's own loggers ({@code messenger} and below) log at INFO and above
 * while the soak runs: the records that refused attempts (wrong tokens, refused connections)
 * would push into a controller's log, and out of what it retains for resuming subscribers, were
 * they logged one each rather than summarized. The messenger logs through the JVM's logback
 * context, not the soak controller's, so it is watched there; the bench's console shows only
 * WARN, so {@code messenger} is set to INFO while watched and restored on {@link #close}.
 * Appended to on server threads; read on the soak's.
 */
final class SoakMessengerLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private static final int KEEP = 5;
    private final Logger messenger;
    private final Level levelBefore;
    private final AtomicLong records = new AtomicLong();
    private final List<String> examples = new CopyOnWriteArrayList<>();

    private SoakMessengerLog(Logger messenger) {
        this.messenger = messenger;
        this.levelBefore = messenger.getLevel();
    }

    static SoakMessengerLog watch() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        SoakMessengerLog log = new SoakMessengerLog(ctx.getLogger("messenger"));
        log.setContext(ctx);
        log.setName("soak-messenger-log");
        log.start();
        log.messenger.setLevel(Level.INFO);
        log.messenger.addAppender(log);
        return log;
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
            records.incrementAndGet();
            if (examples.size() < KEEP) {
                examples.add(e.getLevel() + ":" + e.getLoggerName() + ":" + e.getFormattedMessage());
            }
        }
    }

    long records() {
        return records.get();
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    @Override
    public void close() {
        messenger.detachAppender(this);
        messenger.setLevel(levelBefore);
        stop();
    }
}

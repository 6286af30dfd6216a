package io.poxlog.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Counts what the messenger logs, at INFO and above, through the JVM's logback context (where the
 * messenger's own loggers write): the records an attack would push into the controller's log.
 * Appended to on server threads; read on the test's.
 */
public final class LogRecords extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger messenger;
    private final List<ILoggingEvent> seen = new CopyOnWriteArrayList<>();

    private LogRecords(Logger messenger) {
        this.messenger = messenger;
    }

    /** Starts counting what {@code messenger} and its children log. */
    public static LogRecords watch() {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        LogRecords r = new LogRecords(ctx.getLogger("messenger"));
        r.setContext(ctx);
        r.setName("log-records-" + System.nanoTime());
        r.start();
        r.messenger.addAppender(r);
        return r;
    }

    @Override
    protected void append(ILoggingEvent e) {
        if (e.getLevel().isGreaterOrEqual(Level.INFO)) {
            seen.add(e);
        }
    }

    /** The messages logged so far, formatted. */
    public List<String> messages() {
        return seen.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    public List<String> containing(String text) {
        return messages().stream().filter(m -> m.contains(text)).toList();
    }

    @Override
    public void close() {
        messenger.detachAppender(this);
        stop();
    }
}

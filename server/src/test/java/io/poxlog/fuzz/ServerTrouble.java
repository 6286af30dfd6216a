package io.poxlog.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.LoggerFactory;

/**
 * Watches the messenger's own log for signs that input hurt the server: an error (a service
 * that threw something other than a request error), or a connection that failed unexpectedly.
 * Appended to on server threads; read on the test thread.
 */
final class ServerTrouble extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Logger messenger;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private ServerTrouble(Logger messenger) {
        this.messenger = messenger;
    }

    static ServerTrouble watch() {
        return watch("messenger");
    }

    /** Watching another logger's tree ({@code web.webcore}, whose failing handlers say "failed on"). */
    static ServerTrouble watch(String logger) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ServerTrouble t = new ServerTrouble(ctx.getLogger(logger));
        t.setContext(ctx);
        t.setName("fuzz-trouble");
        t.start();
        t.messenger.addAppender(t);
        return t;
    }

    @Override
    protected void append(ILoggingEvent e) {
        boolean failed = e.getLevel().isGreaterOrEqual(Level.ERROR) || e.getFormattedMessage().contains("failed; closing")
                || e.getFormattedMessage().contains(" failed on ");
        if (failed) {
            seen.add(e.getLoggerName() + ": " + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getClassName()
                    + ": " + e.getThrowableProxy().getMessage()));
        }
    }

    void assertNone() {
        assertThat(seen).as("the server logged trouble").isEmpty();
    }

    @Override
    public void close() {
        messenger.detachAppender(this);
        stop();
    }
}

package io.poxlog.embedding;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.poxlog.logservice.LogRecord;
import io.poxlog.logservice.LogService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The appender an application declares in its logback.xml to run the messenger and its log
 * service inside itself (README.md, "Embedding"). Its properties ({@link
 * MessengerAppenderProperties}) become the components and options {@code bin/controller} would be
 * given ({@link EmbeddingPlan}), started by the launcher's own code in the application's logger
 * context ({@link EmbeddedMessenger}); the log service is then fed by this appender.
 *
 * <p>As logback's own appenders do, {@link #start} reports every bad property, with its value, as
 * a status error and then starts nothing; it never throws into the application, which goes on
 * logging to its other appenders. When logback starts it while SLF4J is still initializing (the
 * usual case: logback.xml is read inside the application's first {@code getLogger}), the
 * properties are checked and the port tried at once, and the messenger starts on a thread of its
 * own as soon as the initialization is over: nothing of ours may log before then. What the
 * application logs meanwhile is kept for the log service ({@link EarlyRecords}).
 *
 * <p>Threads: logback calls {@link #start} and {@link #stop} (its configuration and shutdown
 * threads), and {@link #append} from the application's logging threads, which only enqueue;
 * {@link #boundAddress} and {@link #listening} may be called from any thread.
 */
public class MessengerAppender extends MessengerAppenderProperties {
    /** How long {@link #stop} waits for the log service to send what it holds, and for the rest. */
    public static final Duration STOP_TIMEOUT = EmbeddedMessenger.STOP_TIMEOUT;

    private final EmbeddedMessenger messenger = new EmbeddedMessenger(plan, this, new EmbeddedMessenger.Binding() {
        @Override
        public void serve(LogService service) {
            MessengerAppender.this.serve(service);
        }

        @Override
        public void unbind() {
            bind(null);
        }

        @Override
        public LogService service() {
            return logService();
        }
    });
    private volatile EarlyRecords early;

    public MessengerAppender() {
        setName("messenger");
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        try {
            if (!(getContext() instanceof LoggerContext ctx)) {
                addError("MessengerAppender needs a logback-classic LoggerContext, not " + getContext());
                return;
            }
            List<String> problems = plan.problems();
            if (!problems.isEmpty()) {
                problems.forEach(p -> addError("MessengerAppender: " + p));
                return;
            }
            setCaptureCallerData(plan.includeCallerData());
            if (!Slf4jInitialization.inProgress()) {
                if (messenger.start(ctx)) {
                    super.start();
                }
                return;
            }
            String busy = PortProbe.problem(plan.address(), plan.port());
            if (busy != null) {
                addError("MessengerAppender " + busy);
                return;
            }
            early = new EarlyRecords(plan.queueSize());
            super.start();
            messenger.startLater(ctx, this::startedLaterFailed);
        } catch (RuntimeException | LinkageError e) {
            addError("MessengerAppender cannot start: " + MissingClass.describe(e), e);
        }
    }

    /** On the deferred start's thread, SLF4J being up: the messenger did not start after all. */
    private void startedLaterFailed(String why) {
        EarlyRecords e = early;
        int forgotten = e == null ? 0 : e.discard();
        super.stop();
        LoggerFactory.getLogger("messenger").error("The messenger log service did not start ({} records it kept "
                + "are not served; the application's other appenders have them): {}", forgotten, why);
    }

    /** The log service the components started: fed by this appender from now on. */
    private void serve(LogService service) {
        EarlyRecords e = early;
        if (e != null) {
            e.handTo(service);
            if (e.dropped() > 0) {
                addWarn("MessengerAppender: " + e.dropped() + " records logged before the log service started were not"
                        + " kept for it (it keeps queueSize, " + plan.queueSize() + ")");
            }
        }
        bind(service);
    }

    @Override
    protected void offerUnbound(ILoggingEvent event) {
        EarlyRecords e = early;
        if (e != null) {
            LogRecord r = record(event);
            if (r != null) {
                e.add(r);
            }
        }
    }

    /**
     * Stops the messenger within about {@link #STOP_TIMEOUT} for the log service and as much for
     * the rest, and says how many records it still held, unsent, if any.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        messenger.stop();
    }

    /** The TCP transport's address once listening, else null. */
    public InetSocketAddress boundAddress() {
        return messenger.boundAddress();
    }

    /** Every address its components listen on (the TCP transport's first), once started; else empty. */
    public List<InetSocketAddress> listening() {
        return messenger.listening();
    }
}

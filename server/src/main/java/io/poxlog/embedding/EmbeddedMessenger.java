package io.poxlog.embedding;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAware;
import io.poxlog.launcher.ComponentRequest;
import io.poxlog.launcher.Controller;
import io.poxlog.launcher.ControllerRuntime;
import io.poxlog.launcher.UsageException;
import io.poxlog.logservice.LogService;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The components a {@link MessengerAppender} runs, from start to a bounded stop: its plan's
 * component requests, started by the launcher's own code ({@link Controller#start}) in the
 * application's logger context, either at once or, while SLF4J is still initializing, on a thread
 * of its own once that is over. It reports through the appender's status (logback's
 * {@code addError}/{@code addInfo}), never by logging, and never throws into the application. It
 * does not touch records: the appender feeds the log service the components start, handed to it
 * through {@link Binding}.
 *
 * <p>Threads: {@link #start}, {@link #startLater} and {@link #stop} are the appender's start and
 * stop (logback's configuration or shutdown thread, one at a time); a deferred start runs on
 * {@code poxlog-embedding-start}, and a {@link #stop} during it stops what it started;
 * {@link #boundAddress} and {@link #listening} may be called from any thread.
 */
final class EmbeddedMessenger {
    /** How long {@link #stop} waits for the log service to send what it holds, and for the rest. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INITIALIZATION_WAIT = Duration.ofMinutes(1);

    /** The appender's side: the log service it feeds. */
    interface Binding {
        /** The components started {@code service}: feed it from now on. */
        void serve(LogService service);

        /** The service is gone (stopped, or never started): feed nothing. */
        void unbind();

        /** The service fed now, or null. */
        LogService service();
    }

    private final EmbeddingPlan plan;
    private final ContextAware status;
    private final Binding binding;
    private ControllerRuntime runtime;
    /** Written by start (logback's configuring thread), read by stop (possibly its shutdown hook's). */
    private volatile Thread starter;
    /** Why the components last failed to start, for the error logged once SLF4J is up. */
    private volatile String lastError;
    /** Set by {@link #stop}: a deferred start that finishes after it stops what it started. */
    private boolean stopRequested;

    EmbeddedMessenger(EmbeddingPlan plan, ContextAware status, Binding binding) {
        this.plan = plan;
        this.status = status;
        this.binding = binding;
    }

    /** Starts the plan's components now; false, with a status error, when they cannot start. */
    boolean start(LoggerContext ctx) {
        synchronized (this) {
            stopRequested = false;
        }
        return startComponents(ctx);
    }

    /**
     * Starts the plan's components on a thread of its own once SLF4J's initialization is over
     * (nothing of ours may log before then); if they cannot start, {@code failed} has why, on
     * that thread.
     */
    void startLater(LoggerContext ctx, Consumer<String> failed) {
        synchronized (this) {
            stopRequested = false;
        }
        starter = new Thread(() -> startOnceSlf4jIsUp(ctx, failed), "poxlog-embedding-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startOnceSlf4jIsUp(LoggerContext ctx, Consumer<String> failed) {
        try {
            if (!Slf4jInitialization.awaitEnd(INITIALIZATION_WAIT)) {
                status.addWarn("MessengerAppender: SLF4J still initializing after " + INITIALIZATION_WAIT.toSeconds()
                        + " s; starting the messenger anyway");
            }
        } catch (InterruptedException e) {
            return; // stopped before it started
        }
        if (!startComponents(ctx)) {
            failed.accept(lastError);
        }
    }

    private boolean startComponents(LoggerContext ctx) {
        List<ComponentRequest> requests = plan.requests();
        ControllerRuntime r = new ControllerRuntime(ctx, binding::serve);
        try {
            Controller.start(requests, r);
        } catch (UsageException e) {
            return failed(e.getMessage(), null);
        } catch (Exception | LinkageError e) {
            return failed(MissingClass.describe(e), e);
        }
        synchronized (this) {
            if (!stopRequested) {
                runtime = r;
                r = null;
            }
        }
        if (r != null) {
            // stop() came while the components were starting and found nothing to stop: a
            // messenger left running after its appender stopped would hold the port for good.
            r.stop();
            binding.unbind();
            return false;
        }
        InetSocketAddress a = boundAddress();
        status.addInfo("MessengerAppender: " + String.join(" ", plan.commandLine()) + (a == null ? ""
                : "; listening on " + a.getAddress().getHostAddress() + ":" + a.getPort()));
        return true;
    }

    private boolean failed(String why, Throwable t) {
        binding.unbind(); // the service it may have bound was stopped with the rest
        lastError = why;
        status.addError("MessengerAppender cannot start its messenger: " + why, t);
        return false;
    }

    /**
     * Stops the components within about {@link #STOP_TIMEOUT} for the log service and as much for
     * the rest, and says how many records it still held, unsent, if any.
     */
    void stop() {
        synchronized (this) {
            stopRequested = true;
        }
        Thread s = starter;
        if (s != null) {
            s.interrupt();
            try {
                s.join(STOP_TIMEOUT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        ControllerRuntime r;
        synchronized (this) {
            r = runtime;
            runtime = null;
        }
        LogService service = binding.service();
        if (r == null) {
            return;
        }
        long t0 = System.nanoTime();
        if (service != null) {
            try {
                // First, while the transport still runs: the service sends what it holds.
                service.stop(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        r.stop();
        binding.unbind();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int unsent = service == null ? 0 : Math.max(0, service.leftAtStop());
        if (unsent > 0) {
            status.addWarn("MessengerAppender stopped in " + ms + " ms; " + unsent
                    + " records still queued were not sent to subscribers");
        } else {
            status.addInfo("MessengerAppender stopped in " + ms + " ms; every record taken was sent to subscribers");
        }
    }

    /** The TCP transport's address once listening, else null. */
    InetSocketAddress boundAddress() {
        List<InetSocketAddress> l = listening();
        return l.isEmpty() ? null : l.get(0);
    }

    /** Every address the components listen on (the TCP transport's first), once started; else empty. */
    List<InetSocketAddress> listening() {
        ControllerRuntime r;
        synchronized (this) {
            r = runtime;
        }
        return r == null ? List.of() : r.listening();
    }
}

package io.poxlog.launcher;

import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.web.WebServer;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the running components share: the nexus (made by the first component that needs it),
 * the addresses transports listen on, and what must be stopped, in reverse order, at shutdown.
 * Components start on one thread; {@link #stop} may come from a shutdown hook and is safe twice.
 *
 * <p>{@code bin/controller} runs in the logger context SLF4J gives, and its log service feeds an
 * appender on the root logger. An application embedding the messenger (its logback.xml's
 * {@code MessengerAppender}) runs the same components in its own context, with a runtime whose
 * {@linkplain #logSink() log sink} binds that appender to the service instead.
 */
public final class ControllerRuntime {
    private static final Logger log = LoggerFactory.getLogger("core");

    /** Something a component started and that shutdown must stop. */
    @FunctionalInterface
    public interface Stoppable {
        void stop() throws Exception;
    }

    private final Deque<Stoppable> toStop = new ArrayDeque<>();
    private final List<InetSocketAddress> listening = new ArrayList<>();
    private final List<String> loaded = new ArrayList<>();
    private List<String> requested = List.of();
    private final LoggerContext loggerContext;
    private final Consumer<LogService> logSink;
    private Nexus nexus;
    private WebServer webServer;
    private boolean stopped;

    /** bin/controller's: SLF4J's logger context, the log service on the root logger. */
    public ControllerRuntime() {
        this((LoggerContext) LoggerFactory.getILoggerFactory(), null);
    }

    /**
     * Components running in {@code loggerContext}; a log service is handed to {@code logSink},
     * which feeds it, instead of an appender on the root logger (null for that appender).
     */
    public ControllerRuntime(LoggerContext loggerContext, Consumer<LogService> logSink) {
        this.loggerContext = loggerContext;
        this.logSink = logSink;
    }

    /** The logger context the components log to and level commands act on. */
    public LoggerContext loggerContext() {
        return loggerContext;
    }

    /** Who feeds a log service started here, or null: an appender on the root logger. */
    public Consumer<LogService> logSink() {
        return logSink;
    }

    /** The nexus, created on first use (POX's messenger components load the messenger if missing). */
    public synchronized Nexus nexus() {
        if (nexus == null) {
            Nexus n = new Nexus();
            nexus = n;
            onStop(() -> n.stop(5, TimeUnit.SECONDS));
        }
        return nexus;
    }

    public synchronized boolean hasNexus() {
        return nexus != null;
    }

    /**
     * The web server ({@code web.webcore}) that web components mount their handlers on; null
     * when it was not loaded. Set while components prepare, so any component may mount in its
     * {@code start}, whatever their order on the command line.
     */
    public synchronized WebServer webServer() {
        return webServer;
    }

    synchronized void webServer(WebServer s) {
        if (webServer != null) {
            throw new IllegalStateException("web.webcore is loaded already");
        }
        webServer = s;
    }

    public synchronized void onStop(Stoppable s) {
        toStop.push(s);
    }

    public synchronized void listeningOn(InetSocketAddress address) {
        listening.add(address);
    }

    public synchronized List<InetSocketAddress> listening() {
        return List.copyOf(listening);
    }

    /** The components asked for, all of them, in order: set before any prepares. */
    synchronized void requested(List<String> components) {
        requested = List.copyOf(components);
    }

    /**
     * Every component being started with this one, started or not yet (so that a component can
     * check that one it needs comes, whatever the order on the command line).
     */
    public synchronized List<String> requested() {
        return requested;
    }

    synchronized void loaded(String component) {
        loaded.add(component);
    }

    public synchronized List<String> loaded() {
        return List.copyOf(loaded);
    }

    /** Stops everything started, last first; a failure is logged and the rest still stop. */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!toStop.isEmpty()) {
            try {
                toStop.pop().stop();
            } catch (Exception e) {
                log.warn("Error while stopping: {}", e.toString());
            }
        }
    }
}

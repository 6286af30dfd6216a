package io.poxlog.embedding;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.poxlog.launcher.ComponentRequest;
import io.poxlog.launcher.Controller;
import io.poxlog.launcher.ControllerRuntime;
import io.poxlog.launcher.UsageException;
import io.poxlog.logservice.LogRecord;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LoggerLimits;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.web.WebSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * The appender an application declares in its logback.xml to run the messenger and its log
 * service inside itself (README.md, "Embedding"). Its properties become the components and
 * options {@code bin/controller} would be given ({@link EmbeddingPlan}), started by the launcher's
 * own code in the application's logger context; the log service is then fed by this appender.
 *
 * <p>As logback's own appenders do, {@link #start} reports every bad property, with its value, as
 * a status error and then starts nothing; it never throws into the application, which goes on
 * logging to its other appenders. When logback starts it while SLF4J is still initializing (the
 * usual case: logback.xml is read inside the application's first {@code getLogger}), the
 * properties are checked and the port tried at once, and the messenger starts on a thread of its
 * own as soon as the initialization is over: nothing of ours may log before then. What the
 * application logs meanwhile is kept for the log service ({@link EarlyRecords}).
 */
public class MessengerAppender extends LogServiceAppender {
    /** How long {@link #stop} waits for the log service to send what it holds, and for the rest. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration INITIALIZATION_WAIT = Duration.ofMinutes(1);

    private final EmbeddingPlan plan = new EmbeddingPlan();
    private volatile EarlyRecords early;
    private ControllerRuntime runtime;
    private Thread starter;
    /** Why the components last failed to start, for the error logged once SLF4J is up. */
    private volatile String lastError;
    /** Set by {@link #stop}: a deferred start that finishes after it stops what it started. */
    private boolean stopRequested;

    public MessengerAppender() {
        setName("messenger");
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        synchronized (this) {
            stopRequested = false;
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
                if (startComponents(ctx)) {
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
            starter = new Thread(() -> startOnceSlf4jIsUp(ctx), "poxlog-embedding-start");
            starter.setDaemon(true);
            starter.start();
        } catch (RuntimeException | LinkageError e) {
            addError("MessengerAppender cannot start: " + MissingClass.describe(e), e);
        }
    }

    private void startOnceSlf4jIsUp(LoggerContext ctx) {
        try {
            if (!Slf4jInitialization.awaitEnd(INITIALIZATION_WAIT)) {
                addWarn("MessengerAppender: SLF4J still initializing after " + INITIALIZATION_WAIT.toSeconds()
                        + " s; starting the messenger anyway");
            }
        } catch (InterruptedException e) {
            return; // stopped before it started
        }
        if (!startComponents(ctx)) {
            EarlyRecords e = early;
            int forgotten = e == null ? 0 : e.discard();
            super.stop();
            LoggerFactory.getLogger("messenger").error("The messenger log service did not start ({} records it kept "
                    + "are not served; the application's other appenders have them): {}", forgotten, lastError);
        }
    }

    /** Starts the plan's components; false, with a status error, when they cannot start. */
    private boolean startComponents(LoggerContext ctx) {
        List<ComponentRequest> requests = plan.requests();
        ControllerRuntime r = new ControllerRuntime(ctx, this::serve);
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
            bind(null);
            return false;
        }
        InetSocketAddress a = boundAddress();
        addInfo("MessengerAppender: " + String.join(" ", plan.commandLine()) + (a == null ? "" : "; listening on "
                + a.getAddress().getHostAddress() + ":" + a.getPort()));
        return true;
    }

    private boolean failed(String why, Throwable t) {
        bind(null); // the service it may have bound was stopped with the rest
        lastError = why;
        addError("MessengerAppender cannot start its messenger: " + why, t);
        return false;
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
        LogService service = logService();
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
        bind(null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        int unsent = service == null ? 0 : Math.max(0, service.leftAtStop());
        if (unsent > 0) {
            addWarn("MessengerAppender stopped in " + ms + " ms; " + unsent
                    + " records still queued were not sent to subscribers");
        } else {
            addInfo("MessengerAppender stopped in " + ms + " ms; every record taken was sent to subscribers");
        }
    }

    /** The TCP transport's address once listening, else null. */
    public InetSocketAddress boundAddress() {
        ControllerRuntime r;
        synchronized (this) {
            r = runtime;
        }
        return r == null || r.listening().isEmpty() ? null : r.listening().get(0);
    }

    /** Every address its components listen on (the TCP transport's first), once started; else empty. */
    public List<InetSocketAddress> listening() {
        ControllerRuntime r;
        synchronized (this) {
            r = runtime;
        }
        return r == null ? List.of() : r.listening();
    }

    // ---------------------------------------------------------------- properties (logback.xml)

    // The defaults are bin/controller's: the same constants.
    public static final String DEFAULT_ADDRESS = TcpTransport.DEFAULT_ADDRESS;
    public static final int DEFAULT_PORT = TcpTransport.DEFAULT_PORT;
    public static final int DEFAULT_RETAIN = LogServiceConfig.DEFAULT_RETAIN;
    public static final int DEFAULT_QUEUE_SIZE = LogServiceConfig.DEFAULT_QUEUE_SIZE;
    public static final int DEFAULT_MAX_RECORD_BYTES = LogServiceConfig.DEFAULT_MAX_RECORD_BYTES;
    public static final int DEFAULT_MAX_REMOTE_LOGGERS = LoggerLimits.DEFAULT_MAX_CREATED_LOGGERS;
    public static final int DEFAULT_MAX_LEVEL_FOR = LogServiceConfig.DEFAULT_MAX_LEVEL_FOR;
    public static final int DEFAULT_MAX_FRAME_BYTES = TcpSettings.DEFAULT_MAX_FRAME_BYTES;
    public static final int DEFAULT_MAX_CONNECTIONS = ConnectionLimits.DEFAULT_MAX_CONNECTIONS;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = ConnectionLimits.DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
    public static final int DEFAULT_MESSAGES_PER_SECOND = ConnectionLimits.DEFAULT_MESSAGES_PER_SECOND;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_SECONDS = 10;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 60;
    public static final String DEFAULT_WEB_ADDRESS = WebSettings.DEFAULT_ADDRESS;


    /** Where the TCP transport listens: {@value #DEFAULT_ADDRESS}, loopback, by default. */
    public void setAddress(String address) {
        plan.set("address", address);
    }

    public String getAddress() {
        return plan.address();
    }

    /** The TCP port: {@value #DEFAULT_PORT} by default; 0 for any free port. */
    public void setPort(int port) {
        plan.set("port", port);
    }

    public int getPort() {
        return plan.port();
    }

    /** A tokens file ({@code token role} per line): clients must then authenticate. None by default. */
    public void setTokensFile(String file) {
        plan.set("tokensFile", file);
    }

    public String getTokensFile() {
        return plan.string("tokensFile");
    }

    /** A PEM certificate chain: clients must then use TLS (with {@link #setTlsKey}). None by default. */
    public void setTlsCert(String file) {
        plan.set("tlsCert", file);
    }

    public String getTlsCert() {
        return plan.string("tlsCert");
    }

    /** The unencrypted PKCS#8 PEM private key of {@link #setTlsCert}'s certificate. */
    public void setTlsKey(String file) {
        plan.set("tlsKey", file);
    }

    public String getTlsKey() {
        return plan.string("tlsKey");
    }

    /** TLS versions accepted, comma-separated: {@code TLSv1.3} by default. */
    public void setTlsProtocols(String protocols) {
        plan.set("tlsProtocols", protocols);
    }

    public String getTlsProtocols() {
        return plan.string("tlsProtocols");
    }

    /** Records kept for backlog and since: {@value #DEFAULT_RETAIN} by default. */
    public void setRetain(int retain) {
        plan.set("retain", retain);
    }

    public int getRetain() {
        return plan.retain();
    }

    /** Records waiting between the application's threads and the service: {@value #DEFAULT_QUEUE_SIZE}. */
    public void setQueueSize(int queueSize) {
        plan.set("queueSize", queueSize);
    }

    public int getQueueSize() {
        return plan.queueSize();
    }

    /** The most bytes one record may become for one subscriber: {@value #DEFAULT_MAX_RECORD_BYTES}. */
    public void setMaxRecordBytes(int bytes) {
        plan.set("maxRecordBytes", bytes);
    }

    public int getMaxRecordBytes() {
        return plan.intValue("maxRecordBytes", DEFAULT_MAX_RECORD_BYTES);
    }

    /** Loggers that level commands and injected records may create: {@value #DEFAULT_MAX_REMOTE_LOGGERS}. */
    public void setMaxRemoteLoggers(int loggers) {
        plan.set("maxRemoteLoggers", loggers);
    }

    public int getMaxRemoteLoggers() {
        return plan.intValue("maxRemoteLoggers", DEFAULT_MAX_REMOTE_LOGGERS);
    }

    /**
     * Seconds: when above 0, every remote level change is timed, at most that long (README.md,
     * "Timed level changes"). {@value #DEFAULT_MAX_LEVEL_FOR}, off, by default.
     */
    public void setMaxLevelFor(int seconds) {
        plan.set("maxLevelFor", seconds);
    }

    public int getMaxLevelFor() {
        return plan.intValue("maxLevelFor", DEFAULT_MAX_LEVEL_FOR);
    }

    /** Whether records carry file, line and function: false by default (it costs every call). */
    public void setIncludeCallerData(boolean include) {
        plan.set("includeCallerData", include);
    }

    public boolean isIncludeCallerData() {
        return plan.includeCallerData();
    }

    /** The largest message a client may send: {@value #DEFAULT_MAX_FRAME_BYTES} bytes. */
    public void setMaxFrameBytes(int bytes) {
        plan.set("maxFrameBytes", bytes);
    }

    public int getMaxFrameBytes() {
        return plan.intValue("maxFrameBytes", DEFAULT_MAX_FRAME_BYTES);
    }

    /** Connections in all: {@value #DEFAULT_MAX_CONNECTIONS}. */
    public void setMaxConnections(int n) {
        plan.set("maxConnections", n);
    }

    public int getMaxConnections() {
        return plan.intValue("maxConnections", DEFAULT_MAX_CONNECTIONS);
    }

    /** Connections from one address (an IPv6 /64 is one): {@value #DEFAULT_MAX_CONNECTIONS_PER_ADDRESS}. */
    public void setMaxConnectionsPerAddress(int n) {
        plan.set("maxConnectionsPerAddress", n);
    }

    public int getMaxConnectionsPerAddress() {
        return plan.intValue("maxConnectionsPerAddress", DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
    }

    /** Messages per second one connection may send (bursts of twice that): {@value #DEFAULT_MESSAGES_PER_SECOND}. */
    public void setMaxMessagesPerSecond(int n) {
        plan.set("maxMessagesPerSecond", n);
    }

    public int getMaxMessagesPerSecond() {
        return plan.intValue("maxMessagesPerSecond", DEFAULT_MESSAGES_PER_SECOND);
    }

    /** Seconds a client has to authenticate: {@value #DEFAULT_HANDSHAKE_TIMEOUT_SECONDS}. */
    public void setHandshakeTimeout(int seconds) {
        plan.set("handshakeTimeout", seconds);
    }

    public int getHandshakeTimeout() {
        return plan.intValue("handshakeTimeout", DEFAULT_HANDSHAKE_TIMEOUT_SECONDS);
    }

    /** Seconds a connection in no channel may send nothing (0 = never): {@value #DEFAULT_IDLE_TIMEOUT_SECONDS}. */
    public void setIdleTimeout(int seconds) {
        plan.set("idleTimeout", seconds);
    }

    public int getIdleTimeout() {
        return plan.intValue("idleTimeout", DEFAULT_IDLE_TIMEOUT_SECONDS);
    }

    /**
     * The web server's port ({@code web.webcore}, which the web transports are served on): off
     * while unset, the default; 0 for any free port.
     */
    public void setWebPort(int port) {
        plan.set("webPort", port);
    }

    /** The web server's port, or -1 while it is off. */
    public int getWebPort() {
        return plan.web() ? plan.intValue("webPort", -1) : -1;
    }

    /** Where the web server listens (with {@link #setWebPort}): {@value #DEFAULT_WEB_ADDRESS}, loopback, by default. */
    public void setWebAddress(String address) {
        plan.set("webAddress", address);
    }

    public String getWebAddress() {
        String a = plan.string("webAddress");
        return a == null ? DEFAULT_WEB_ADDRESS : a;
    }

    /**
     * Whether the messenger is served over WebSocket too, at {@code /_webmsg/ws} on the web server
     * ({@link #setWebPort}, which it needs): false by default. Its options go in {@link #setComponents}
     * ({@code messenger.ws_transport --ping_interval=10} instead of this property).
     */
    public void setWsTransport(boolean on) {
        plan.set("wsTransport", on);
    }

    public boolean isWsTransport() {
        return plan.bool("wsTransport");
    }

    /**
     * Whether the messenger is served over POX's comet transport too, at {@code /_webmsg/} on the
     * web server ({@link #setWebPort}, which it needs): false by default. Its options go in
     * {@link #setComponents} ({@code messenger.web_transport --...} instead of this property).
     */
    public void setCometTransport(boolean on) {
        plan.set("cometTransport", on);
    }

    public boolean isCometTransport() {
        return plan.bool("cometTransport");
    }

    /**
     * Whether the messenger is served over POX's JSON-RPC transport too (POXDesk's), at
     * {@code /_jrpcmsg/} on the web server ({@link #setWebPort}, which it needs): false by default.
     * Its options go in {@link #setComponents} ({@code messenger.ajax_transport --...}).
     */
    public void setJsonRpcTransport(boolean on) {
        plan.set("jsonRpcTransport", on);
    }

    public boolean isJsonRpcTransport() {
        return plan.bool("jsonRpcTransport");
    }

    /** Whether the example services (echo, upper, greet) run too: false by default. */
    public void setExamples(boolean examples) {
        plan.set("examples", examples);
    }

    public boolean isExamples() {
        return plan.bool("examples");
    }

    /**
     * More components, as bin/controller's command line names them, started after the others:
     * e.g. {@code messenger.tcp_transport:active --address=hub.example --port=7790}. None by default.
     */
    public void setComponents(String commandLine) {
        plan.set("components", commandLine);
    }

    public String getComponents() {
        return plan.string("components");
    }
}

package io.poxlog.viewer.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.messenger.transport.ws.WsSettings;
import io.poxlog.messenger.transport.ws.WsTransport;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A real controller for viewer tests: its own logback context, the log service and a messenger
 * on an ephemeral loopback port; with {@link #withWebSocket} also its WebSocket transport
 * (web.webcore and messenger.ws_transport, as {@code bin/controller} mounts them). The transports
 * can be stopped and started again on the same ports while the log service keeps its records, as
 * a network outage looks to a viewer.
 */
public final class ControllerFixture implements AutoCloseable {
    public final LoggerContext context = new LoggerContext();
    public final Nexus nexus = new Nexus();
    public final LogService service;
    private TcpTransport transport;
    private int port;
    private WebServer web;
    private WsTransport ws;
    private int webPort;
    private SslContext webTls;

    public ControllerFixture() throws Exception {
        this(LogServiceConfig.DEFAULTS);
    }

    public ControllerFixture(LogServiceConfig config) throws Exception {
        this(config, 0);
    }

    /**
     * Listening on {@code port} (0: any free port): a controller started on the port of one that
     * was closed is a restart, as a viewer sees it (a new log whose {@code seq} begins at 1).
     */
    public ControllerFixture(LogServiceConfig config, int port) throws Exception {
        this(config, port, fx -> { });
    }

    /** A controller that first runs {@code startUp} (logs its start-up lines), then listens. */
    private ControllerFixture(LogServiceConfig config, int port, java.util.function.Consumer<ControllerFixture> startUp)
            throws Exception {
        context.setName("viewer-test-" + UUID.randomUUID());
        context.start();
        root().setLevel(Level.DEBUG);
        service = new LogService(nexus, context, config).start();
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        root().addAppender(appender);
        startUp.accept(this);
        transport = new TcpTransport(nexus, "127.0.0.1", port, TcpSettings.DEFAULTS).start();
        this.port = transport.boundAddress().getPort();
    }

    /**
     * Stops {@code old} for good and starts a new controller on its port that logs its start-up
     * lines ({@code startUp}) before it listens: a controller restart, as a viewer sees one.
     */
    public static ControllerFixture restart(ControllerFixture old, java.util.function.Consumer<ControllerFixture> startUp)
            throws Exception {
        int port = old.port();
        int webPort = old.webPort;
        SslContext webTls = old.webTls;
        LogServiceConfig config = old.service.config();
        old.close();
        ControllerFixture fx = new ControllerFixture(config, port, startUp);
        if (webPort != 0) {
            fx.webPort = webPort;
            fx.webTls = webTls;
            fx.startWeb();
        }
        return fx;
    }

    /** Serves the messenger over WebSocket too, on an ephemeral loopback port: ws://, or wss:// with {@code tls}. */
    public ControllerFixture withWebSocket(SslContext tls) throws Exception {
        webTls = tls;
        startWeb();
        webPort = web.boundAddress().getPort();
        return this;
    }

    public ControllerFixture withWebSocket() throws Exception {
        return withWebSocket(null);
    }

    private void startWeb() throws Exception {
        WebSettings settings = WebSettings.DEFAULTS.withAddress("127.0.0.1", webPort);
        web = new WebServer(webTls == null ? settings : settings.withTls(webTls));
        ws = new WsTransport(nexus, WsSettings.DEFAULTS).mountOn(web);
        web.start();
    }

    /** The WebSocket transport's URL ({@link #withWebSocket}), as pox-log's --connect takes it. */
    public String wsUrl() {
        return (webTls == null ? "ws" : "wss") + "://127.0.0.1:" + webPort + WsTransport.PATH;
    }

    public io.poxlog.viewer.client.Endpoint wsEndpoint() {
        return io.poxlog.viewer.client.Endpoint.parse(wsUrl());
    }

    public int webPort() {
        return webPort;
    }

    public Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    public int port() {
        return port;
    }

    /** Drops every connection and stops listening, on every transport; the log service goes on. */
    public void disconnectAll() {
        transport.stop();
        stopWeb();
    }

    /** Listens again on the same ports. */
    public void reconnectable() throws Exception {
        transport = new TcpTransport(nexus, "127.0.0.1", port, TcpSettings.DEFAULTS).start();
        if (webPort != 0) {
            startWeb();
        }
    }

    private void stopWeb() {
        if (ws != null) {
            ws.stop();
            web.stop();
            ws = null;
        }
    }

    /** Polls until the condition holds or the deadline passes. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    @Override
    public void close() throws Exception {
        transport.stop();
        stopWeb();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}

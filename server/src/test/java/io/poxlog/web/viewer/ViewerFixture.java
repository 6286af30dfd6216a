package io.poxlog.web.viewer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import io.poxlog.demo.DemoController;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.ws.WsSettings;
import io.poxlog.messenger.transport.ws.WsTransport;
import io.poxlog.web.LogViewer;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * A real controller for the page's browser tests, as {@code bin/controller web.webcore
 * messenger.ws_transport messenger.log_service demo} runs it: the nexus, the log service on the
 * JVM's logback context (the demo logs through SLF4J), web.webcore on an ephemeral loopback port
 * with the WebSocket transport, the page mounted at {@code /} and {@code /log/}, and the demo
 * workload. The console appender of the test configuration is detached while it runs (the demo
 * would flood the build's output) and the root level kept at INFO. It can drop every WebSocket
 * (the controller stays: a reconnect resumes) and restart (a new run of the log, on the same port).
 */
final class ViewerFixture implements AutoCloseable {
    final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final AccessTokens tokens;
    private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Level savedLevel = root.getLevel();
    private final List<Appender<ILoggingEvent>> savedAppenders = new ArrayList<>();
    /** Every logger's own level at the start: level changes the tests make are undone at the end. */
    private final Map<String, Level> savedLevels = new HashMap<>();
    private final DemoController demo;
    private Nexus nexus;
    private LogService service;
    private LogServiceAppender appender;
    private WebServer web;
    private WsTransport ws;
    private int port;

    private final LogServiceConfig config;

    ViewerFixture(AccessTokens tokens, int demoRate) throws Exception {
        this(tokens, demoRate, LogServiceConfig.DEFAULTS);
    }

    ViewerFixture(AccessTokens tokens, int demoRate, LogServiceConfig config) throws Exception {
        this.tokens = tokens;
        this.config = config;
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            savedAppenders.add(it.next());
        }
        savedAppenders.forEach(root::detachAppender);
        context.getLoggerList().forEach(l -> savedLevels.put(l.getName(), l.getLevel()));
        root.setLevel(Level.INFO);
        start(0);
        demo = demoRate > 0 ? new DemoController(demoRate, 0x5eedL).start() : null;
    }

    private void start(int onPort) throws Exception {
        nexus = new Nexus();
        nexus.setAccessTokens(tokens);
        service = new LogService(nexus, context, config).start();
        appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.setName("viewer-test-" + System.nanoTime());
        appender.start();
        root.addAppender(appender);
        web = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", onPort));
        ws = new WsTransport(nexus, WsSettings.DEFAULTS).mountOn(web);
        mountPage(web);
        web.start();
        port = web.boundAddress().getPort();
    }

    /** The page, mounted as the web.log_viewer component mounts it (its files, its headers). */
    static void mountPage(WebServer web) {
        LogViewer.mountOn(web, LogViewer.DEFAULT_PATH,
                LogViewer.files(ViewerFixture.class.getClassLoader(), LogViewer.RESOURCES));
    }

    String url() {
        return "http://127.0.0.1:" + port + "/";
    }

    int port() {
        return port;
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    LogService service() {
        return service;
    }

    /** Closes every WebSocket (1001) and takes no new ones until {@link #takeConnections}: the controller and its log go on. */
    void dropConnections() {
        ws.stop();
    }

    void takeConnections() {
        ws.mountOn(web);
    }

    /** Stops the controller; {@link #startAgain} starts a new one (a new run of the log) on the same port. */
    void stopController() throws Exception {
        ws.stop();
        web.stop();
        root.detachAppender(appender);
        appender.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
    }

    void startAgain() throws Exception {
        start(port);
    }

    @Override
    public void close() throws Exception {
        if (demo != null) {
            demo.stop();
        }
        stopController();
        for (Logger l : context.getLoggerList()) {
            l.setLevel(savedLevels.get(l.getName()));
        }
        root.setLevel(savedLevel);
        savedAppenders.forEach(root::addAppender);
    }
}

package io.poxlog.messenger.transport.ws;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.testing.WsClient;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A controller with the log service and the example services, served over WebSocket (web.webcore
 * on an ephemeral loopback port, the transport mounted on it) and over TCP (for the
 * {@code Canary}), and JDK WebSocket clients for it.
 */
final class WsFixture implements AutoCloseable {
    final LoggerContext context = new LoggerContext();
    final Nexus nexus = new Nexus();
    final LogService service;
    final ExampleServices examples;
    final WebServer web;
    final WsTransport ws;
    final TcpTransport tcp;

    WsFixture() throws Exception {
        this(WsSettings.DEFAULTS, WebSettings.DEFAULTS, null);
    }

    WsFixture(WsSettings settings, WebSettings webSettings, AccessTokens tokens) throws Exception {
        nexus.setAccessTokens(tokens);
        context.setName("ws-test-" + UUID.randomUUID());
        context.start();
        root().setLevel(Level.DEBUG);
        service = new LogService(nexus, context, LogServiceConfig.DEFAULTS).start();
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        root().addAppender(appender);
        examples = new ExampleServices(nexus, Duration.ofSeconds(10)).start();
        web = new WebServer(webSettings.withAddress("127.0.0.1", 0));
        ws = new WsTransport(nexus, settings).mountOn(web);
        web.start();
        tcp = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS).start();
    }

    Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    Logger logger(String name) {
        return context.getLogger(name);
    }

    String origin() {
        return "http://127.0.0.1:" + web.boundAddress().getPort();
    }

    URI uri() {
        return URI.create("ws://127.0.0.1:" + web.boundAddress().getPort() + WsTransport.PATH);
    }

    /** A client that has read its welcome. */
    WsClient client() throws Exception {
        WsClient c = WsClient.connect(uri(), Map.of());
        c.welcome();
        return c;
    }

    /** A client subscribed to a fresh log_ channel with {@code "json":true} and {@code keys}, live. */
    WsClient subscriber(String keys) throws Exception {
        WsClient c = client();
        subscribe(c, keys);
        return c;
    }

    static String channel() {
        return "log_" + UUID.randomUUID();
    }

    /** Joins a fresh channel and waits until a marker record arrives; returns the channel. */
    static String subscribe(WsClient c, String keys) throws Exception {
        return WebMessengerFixture.subscribe(c::send, c::next, keys);
    }

    @Override
    public void close() throws Exception {
        ws.stop();
        web.stop();
        tcp.stop();
        examples.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}

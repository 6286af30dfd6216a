package io.poxlog.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.comet.CometTransport;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcTransport;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A controller with the log service and the example services, served by the HTTP transports
 * (web.webcore on an ephemeral loopback port, the comet transport at {@code /_webmsg/}, JSON-RPC at
 * {@code /_jrpcmsg/}) and over
 * TCP (for the {@link Canary}).
 */
public final class WebMessengerFixture implements AutoCloseable {
    public final LoggerContext context = new LoggerContext();
    public final Nexus nexus = new Nexus();
    public final LogService service;
    public final ExampleServices examples;
    public final WebServer web;
    public final CometTransport comet;
    public final JsonRpcTransport jsonrpc;
    public final TcpTransport tcp;

    public WebMessengerFixture() throws Exception {
        this(CometSettings.DEFAULTS, WebSettings.DEFAULTS, null);
    }

    public WebMessengerFixture(CometSettings cometSettings, WebSettings webSettings, AccessTokens tokens)
            throws Exception {
        this(cometSettings, JsonRpcSettings.DEFAULTS, webSettings, tokens);
    }

    public WebMessengerFixture(JsonRpcSettings jsonRpcSettings, AccessTokens tokens) throws Exception {
        this(CometSettings.DEFAULTS, jsonRpcSettings, WebSettings.DEFAULTS, tokens);
    }

    public WebMessengerFixture(CometSettings cometSettings, JsonRpcSettings jsonRpcSettings, WebSettings webSettings,
                               AccessTokens tokens) throws Exception {
        nexus.setAccessTokens(tokens);
        context.setName("web-messenger-test-" + UUID.randomUUID());
        context.start();
        root().setLevel(Level.DEBUG);
        service = new LogService(nexus, context, LogServiceConfig.DEFAULTS).start();
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        root().addAppender(appender);
        examples = new ExampleServices(nexus, Duration.ofSeconds(10)).start();
        web = new WebServer(webSettings.withAddress("127.0.0.1", 0));
        comet = new CometTransport(nexus, cometSettings).mountOn(web);
        jsonrpc = new JsonRpcTransport(nexus, jsonRpcSettings).mountOn(web);
        web.start();
        tcp = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS).start();
    }

    public Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    public String origin() {
        return "http://127.0.0.1:" + web.boundAddress().getPort();
    }

    public URI uri(String path) {
        return URI.create(origin() + path);
    }

    /** The comet transport's base, {@code http://127.0.0.1:port/_webmsg/}. */
    public URI cometBase() {
        return uri(CometTransport.PATH);
    }

    /** The JSON-RPC transport's endpoint, {@code http://127.0.0.1:port/_jrpcmsg/}. */
    public URI jsonRpcEndpoint() {
        return uri(JsonRpcTransport.PATH);
    }

    /** A JSON-RPC client that has read its welcome. */
    public JsonRpcClient jsonRpcClient() throws Exception {
        JsonRpcClient c = JsonRpcClient.connect(jsonRpcEndpoint(), Map.of());
        c.welcome();
        return c;
    }

    /** A comet client that has read its welcome. */
    public CometClient cometClient() throws Exception {
        CometClient c = CometClient.connect(cometBase(), Map.of());
        c.welcome();
        return c;
    }

    public static String channel() {
        return "log_" + UUID.randomUUID();
    }

    /** The join and settle marker for {@code send}: joins a fresh log channel and waits for a marker record. */
    public interface Sender {
        void send(String json) throws Exception;
    }

    public interface Receiver {
        com.fasterxml.jackson.databind.JsonNode next(java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> p)
                throws Exception;
    }

    public static String subscribe(Sender out, Receiver in, String keys) throws Exception {
        String ch = channel();
        out.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"json\":true"
                + (keys.isEmpty() ? "" : "," + keys) + "}");
        String marker = "settle-" + UUID.randomUUID();
        out.send("{\"CHANNEL\":\"" + ch + "\",\"message\":\"" + marker + "\",\"level\":\"CRITICAL\","
                + "\"subsystem\":\"test.settle\"}");
        in.next(m -> m.path("message").asText().contains(marker));
        return ch;
    }

    @Override
    public void close() throws Exception {
        comet.stop();
        jsonrpc.stop();
        web.stop();
        tcp.stop();
        examples.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}

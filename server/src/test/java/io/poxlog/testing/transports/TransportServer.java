package io.poxlog.testing.transports;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.comet.CometTransport;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcTransport;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.messenger.transport.ws.WsSettings;
import io.poxlog.messenger.transport.ws.WsTransport;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A controller as {@code bin/controller} makes one, for the transport-parameterised suite: its own
 * logback context (so tests do not share levels) with the log service's appender on the root,
 * the nexus, the example services, and every transport on an ephemeral loopback port: TCP, and
 * web.webcore with the WebSocket, comet and JSON-RPC transports mounted. The services are the same objects whichever
 * transport a client comes by.
 *
 * <p>Threads: built, used and closed by the test's thread.
 */
public final class TransportServer implements AutoCloseable {
    /** How often the example {@code time} bot speaks: often, so that a test hears it soon. */
    public static final Duration TIME_PERIOD = Duration.ofMillis(200);

    /**
     * What a test may change from {@link #DEFAULTS}.
     *
     * @param tokens with tokens, clients must authenticate (null: none needed)
     * @param logService the log service's configuration
     * @param writeLowWaterMark output below which a connection is writable again, on TCP and WebSocket
     *        (an HTTP session is writable again as soon as it is under its high mark)
     * @param writeHighWaterMark output above which a connection is a slow consumer, on every transport
     */
    public record Options(AccessTokens tokens, LogServiceConfig logService, int writeLowWaterMark,
                          int writeHighWaterMark) {
        public Options withTokens(AccessTokens t) {
            return new Options(t, logService, writeLowWaterMark, writeHighWaterMark);
        }

        public Options withLogService(LogServiceConfig c) {
            return new Options(tokens, c, writeLowWaterMark, writeHighWaterMark);
        }

        public Options withWaterMarks(int low, int high) {
            return new Options(tokens, logService, low, high);
        }
    }

    public static final Options DEFAULTS = new Options(null, LogServiceConfig.DEFAULTS,
            TcpSettings.DEFAULT_WRITE_LOW_WATER_MARK, TcpSettings.DEFAULT_WRITE_HIGH_WATER_MARK);

    public final LoggerContext context = new LoggerContext();
    public final Nexus nexus = new Nexus();
    public final LogService service;
    public final ExampleServices examples;
    public final TcpTransport tcp;
    public final WebServer web;
    public final WsTransport ws;
    public final CometTransport comet;
    public final JsonRpcTransport jsonRpc;

    public TransportServer() throws Exception {
        this(DEFAULTS);
    }

    public TransportServer(Options o) throws Exception {
        nexus.setAccessTokens(o.tokens());
        context.setName("suite-" + UUID.randomUUID());
        context.start();
        root().setLevel(Level.DEBUG);
        service = new LogService(nexus, context, o.logService()).start();
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        root().addAppender(appender);
        examples = new ExampleServices(nexus, TIME_PERIOD).start();
        TcpSettings d = TcpSettings.DEFAULTS;
        tcp = new TcpTransport(nexus, "127.0.0.1", 0, new TcpSettings(d.maxFrameBytes(), d.maxPendingBytes(),
                o.writeLowWaterMark(), o.writeHighWaterMark(), d.limits())).start();
        web = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0), () -> o.tokens() != null);
        ws = new WsTransport(nexus, WsSettings.DEFAULTS.withOutput(WsSettings.DEFAULT_MAX_PENDING_BYTES,
                o.writeLowWaterMark(), o.writeHighWaterMark())).mountOn(web);
        comet = new CometTransport(nexus, CometSettings.DEFAULTS.withSessions(
                sessions(CometSettings.DEFAULTS.sessions(), o))).mountOn(web);
        jsonRpc = new JsonRpcTransport(nexus, JsonRpcSettings.DEFAULTS.withSessions(
                sessions(JsonRpcSettings.DEFAULTS.sessions(), o))).mountOn(web);
        web.start();
    }

    /** An HTTP transport's sessions with the options' high mark (and a bound of pending output past it). */
    private static HttpSessionSettings sessions(HttpSessionSettings d, Options o) {
        return d.withOutput(o.writeHighWaterMark(), Math.max(d.maxPendingBytes(), o.writeHighWaterMark()));
    }

    public InetSocketAddress tcpAddress() {
        return tcp.boundAddress();
    }

    public URI httpUri(String path) {
        return URI.create("http://127.0.0.1:" + web.boundAddress().getPort() + path);
    }

    public URI wsUri() {
        return URI.create("ws://127.0.0.1:" + web.boundAddress().getPort() + WsTransport.PATH);
    }

    public URI cometUri() {
        return httpUri(CometTransport.PATH);
    }

    public URI jsonRpcUri() {
        return httpUri(JsonRpcTransport.PATH);
    }

    public Logger root() {
        return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    public Logger logger(String name) {
        return context.getLogger(name);
    }

    /** A client over {@code t} that has read its welcome. */
    public MessengerWire client(Transport t) throws Exception {
        MessengerWire c = t.connect(this);
        try {
            c.welcome();
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** A client over {@code t} authenticated with {@code token}, which must be accepted. */
    public MessengerWire client(Transport t, String token) throws Exception {
        MessengerWire c = client(t);
        JsonNode answer = c.authenticate(token);
        if (!"authenticated".equals(answer.path("cmd").asText())) {
            c.close();
            throw new AssertionError("the token was refused: " + answer);
        }
        return c;
    }

    /** A client subscribed to {@code channel} with the extra join keys (JSON members), live. */
    public MessengerWire subscriber(Transport t, String channel, String joinKeys) throws Exception {
        return subscriber(t, channel, joinKeys, "test.settle");
    }

    /** As above, settling with a marker from {@code settleLogger}, which the subscription must pass. */
    public MessengerWire subscriber(Transport t, String channel, String joinKeys, String settleLogger) throws Exception {
        MessengerWire c = client(t);
        c.send(join(channel, joinKeys));
        settled(c, channel, settleLogger);
        return c;
    }

    /** A {@code join_channel} of {@code channel} with the extra keys (JSON members, may be empty). */
    public static String join(String channel, String joinKeys) {
        return "{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\""
                + (joinKeys.isEmpty() ? "" : "," + joinKeys) + "}";
    }

    /** Waits until the subscription of {@code channel} is live: injects a marker and waits for it. */
    public JsonNode settled(MessengerWire c, String channel) throws Exception {
        return settled(c, channel, "test.settle");
    }

    public JsonNode settled(MessengerWire c, String channel, String logger) throws Exception {
        String marker = "settle-" + UUID.randomUUID();
        c.send("{\"CHANNEL\":\"" + channel + "\",\"message\":\"" + marker + "\",\"level\":\"CRITICAL\",\"subsystem\":\""
                + logger + "\"}");
        return c.next(m -> m.path("message").asText().contains(marker));
    }

    /** A fresh subscription channel. */
    public static String channel() {
        return "log_" + UUID.randomUUID();
    }

    @Override
    public void close() throws Exception {
        ws.stop();
        comet.stop();
        jsonRpc.stop();
        web.stop();
        tcp.stop();
        examples.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}

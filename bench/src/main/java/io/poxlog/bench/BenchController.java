package io.poxlog.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.messenger.transport.ws.WsSettings;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.comet.CometTransport;
import io.poxlog.messenger.transport.ws.WsTransport;
import io.poxlog.web.WebLimits;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The controller under test: its own logback context with the log service, its appender on the
 * root logger, and a messenger on an ephemeral loopback port, over TCP, over WebSocket or over
 * comet (the web server with the WebSocket or the comet transport mounted on it); or, for the baseline, the same context
 * with a do-nothing appender and no messenger.
 */
final class BenchController implements AutoCloseable {
    final LoggerContext context = new LoggerContext();
    final Logger logger;
    final LogService service;
    private final Nexus nexus;
    private final TcpTransport transport;
    private final WebServer web;
    private final WsTransport ws;
    private final CometTransport comet;

    /** Room for the 1,000 idle subscribers of the heap scenario and the probes beside them, all from 127.0.0.1. */
    private static final ConnectionLimits LIMITS = ConnectionLimits.DEFAULTS.withMaxConnections(10_000)
            .withMaxConnectionsPerAddress(10_000);

    private enum Kind { BASELINE, TCP, WEBSOCKET, COMET }

    private BenchController(Kind kind) throws Exception {
        boolean withMessenger = kind != Kind.BASELINE;
        context.setName("bench-" + UUID.randomUUID());
        context.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        logger = context.getLogger("openflow.of_01");
        if (withMessenger) {
            nexus = new Nexus();
            service = new LogService(nexus, context, LogServiceConfig.DEFAULTS).start();
            LogServiceAppender appender = new LogServiceAppender(service);
            appender.setContext(context);
            appender.start();
            root.addAppender(appender);
            if (kind == Kind.TCP) {
                transport = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS.withLimits(LIMITS)).start();
                web = null;
                ws = null;
                comet = null;
            } else {
                transport = null;
                web = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0).withLimits(
                        WebLimits.DEFAULTS.withMaxConnections(10_000).withMaxConnectionsPerAddress(10_000)));
                // Pings an hour apart: the subscribers that never read (stalled, idle) would
                // otherwise be closed for not answering them during a long run.
                ws = kind == Kind.WEBSOCKET ? new WsTransport(nexus, WsSettings.DEFAULTS.withLimits(LIMITS)
                        .withPingInterval(Duration.ofHours(1))).mountOn(web) : null;
                comet = kind == Kind.COMET ? new CometTransport(nexus, CometSettings.DEFAULTS.withSessions(
                        CometSettings.DEFAULTS.sessions().withLimits(LIMITS))).mountOn(web) : null;
                web.start();
            }
        } else {
            NopAppender nop = new NopAppender();
            nop.setContext(context);
            nop.start();
            root.addAppender(nop);
            nexus = null;
            service = null;
            transport = null;
            web = null;
            ws = null;
            comet = null;
        }
    }

    /** With the messenger's TCP transport. */
    static BenchController withMessenger() throws Exception {
        return new BenchController(Kind.TCP);
    }

    /** With the messenger's WebSocket transport on the web server (no TCP). */
    static BenchController withWebSocket() throws Exception {
        return new BenchController(Kind.WEBSOCKET);
    }

    /** With the messenger's comet transport on the web server (no TCP). */
    static BenchController withComet() throws Exception {
        return new BenchController(Kind.COMET);
    }

    /** logback with an appender that does nothing: the cost of logging without this project. */
    static BenchController baseline() throws Exception {
        return new BenchController(Kind.BASELINE);
    }

    /** One typical record: what every throughput scenario logs. */
    void logPacketIn(long i) {
        logger.info("[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}", i & 7, i);
    }

    /** The TCP transport's address. */
    InetSocketAddress address() {
        return transport.boundAddress();
    }

    /** The WebSocket transport's address. */
    URI wsUri() {
        return URI.create("ws://127.0.0.1:" + web.boundAddress().getPort() + WsTransport.PATH);
    }

    /** The comet transport's base URL ({@code /_webmsg/}). */
    URI cometUri() {
        return URI.create("http://127.0.0.1:" + web.boundAddress().getPort() + CometTransport.PATH);
    }

    @Override
    public void close() throws Exception {
        if (transport != null) {
            transport.stop();
        }
        if (ws != null) {
            ws.stop();
        }
        if (comet != null) {
            comet.stop();
        }
        if (web != null) {
            web.stop();
        }
        if (service != null) {
            service.stop(5, TimeUnit.SECONDS);
            nexus.stop(5, TimeUnit.SECONDS);
        }
        context.stop();
    }

    /** Does nothing, as cheaply as an appender can. */
    static final class NopAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
        }
    }
}

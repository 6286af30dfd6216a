package io.poxlog.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.AuthLimits;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The controller under soak: its own logback context with the log service, tokens required (a
 * read and an admin token made at random), the example services, and a TCP transport with small
 * limits so that bad clients hit them quickly. The loggers the clients name exist from the start,
 * as a controller's own loggers do: the loggers remote commands may create are bounded in all,
 * and a hostile client spends that bound.
 */
final class SoakServer implements AutoCloseable {
    static final int MAX_FRAME_BYTES = 64 * 1024;
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(2);
    /** An authenticated connection in no channel that says nothing this long is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(3);
    /** The controller's loggers the soak's clients set and log as (hostile ones under {@code soak.hostile}). */
    static final List<String> LOGGERS = List.of("soak.injected", "soak.hostile", SoakLogAttacks.BIG,
            SoakLogAttacks.BATCH, SoakLogAttacks.CONTROL);
    static final int NOISE_LOGGERS = 10;

    final LoggerContext context = new LoggerContext();
    final Logger app;
    final LogService service;
    final Nexus nexus = new Nexus();
    final String readToken = token();
    final String adminToken = token();
    private final ExampleServices examples;
    private final TcpTransport transport;

    SoakServer(int retain) throws Exception {
        context.setName("soak-" + UUID.randomUUID());
        context.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        app = context.getLogger("soak.app");
        for (int i = 0; i < NOISE_LOGGERS; i++) {
            context.getLogger(noiseLogger(i));
        }
        LOGGERS.forEach(context::getLogger);
        nexus.setAccessTokens(AccessTokens.parse(List.of(readToken + " read", adminToken + " admin"), "soak tokens"));
        // Every simulated client comes from 127.0.0.1: the limits per source address would take
        // them all for one host, and the wrong-token sessions would lock out the others.
        nexus.setAuthLimits(AuthLimits.DEFAULTS.withFailuresPerAddress(Integer.MAX_VALUE));
        service = new LogService(nexus, context, LogServiceConfig.DEFAULTS.withRetain(retain)).start();
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        root.addAppender(appender);
        examples = new ExampleServices(nexus, Duration.ofSeconds(1)).start();
        transport = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS.withMaxFrameBytes(MAX_FRAME_BYTES)
                .withLimits(ConnectionLimits.DEFAULTS.withHandshakeTimeout(HANDSHAKE_TIMEOUT).withIdleTimeout(IDLE_TIMEOUT)
                        .withMaxConnectionsPerAddress(ConnectionLimits.DEFAULT_MAX_CONNECTIONS))).start();
    }

    static String noiseLogger(int i) {
        return "soak.noise." + i;
    }

    private static String token() {
        byte[] b = new byte[24];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    InetSocketAddress address() {
        return transport.boundAddress();
    }

    int openConnections() {
        return transport.openConnections();
    }

    /** Connections and channels the nexus holds now. */
    int[] nexusState() throws Exception {
        return nexus.call(() -> new int[] {nexus.connections().size(), nexus.channelNames().size()}).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        transport.stop();
        examples.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}

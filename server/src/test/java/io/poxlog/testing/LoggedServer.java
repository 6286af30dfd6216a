package io.poxlog.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * A controller for attack tests of the transport: a messenger with the log service on a logback
 * context of its own, on an ephemeral loopback port, with the transport settings under test. Its
 * {@link #ticker} is the logger a {@link Canary} ticks through.
 */
public final class LoggedServer implements AutoCloseable {
    public final LoggerContext context = new LoggerContext();
    public final Nexus nexus = new Nexus();
    public final LogService service;
    public final TcpTransport transport;

    /** With {@code tokens} non-null, clients must authenticate; {@code configure} runs before the transport starts. */
    public LoggedServer(TcpSettings settings, AccessTokens tokens, java.util.function.Consumer<Nexus> configure) throws Exception {
        nexus.setAccessTokens(tokens);
        configure.accept(nexus);
        context.setName("attack-" + UUID.randomUUID());
        context.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
        service = new LogService(nexus, context, LogServiceConfig.DEFAULTS).start();
        LogServiceAppender appender = new LogServiceAppender(service);
        appender.setContext(context);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        transport = new TcpTransport(nexus, "127.0.0.1", 0, settings).start();
    }

    public LoggedServer(TcpSettings settings, AccessTokens tokens) throws Exception {
        this(settings, tokens, n -> { });
    }

    public InetSocketAddress address() {
        return transport.boundAddress();
    }

    public Logger ticker() {
        return context.getLogger("canary");
    }

    /** A canary subscribed now, authenticating with {@code token} (or none). */
    public Canary canary(String token) throws Exception {
        return Canary.start(address(), token, ticker());
    }

    @Override
    public void close() throws Exception {
        transport.stop();
        service.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }
}

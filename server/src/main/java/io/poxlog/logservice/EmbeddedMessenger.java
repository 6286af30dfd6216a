package io.poxlog.logservice;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.ContextAware;
import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.core.AccessTokens;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The messenger, TCP transport and log service that a {@link MessengerAppender} declared in an
 * application's logback.xml starts inside that application. Binding happens here, synchronously,
 * so a port in use is an appender error at configuration time. Messages are reported through
 * logback's status manager: during configuration, logging would be premature.
 */
final class EmbeddedMessenger {
    private final Nexus nexus = new Nexus();
    private final LogService logService;
    private final TcpTransport transport;
    private final ExampleServices examples;
    private final ContextAware reporter;

    EmbeddedMessenger(LoggerContext ctx, String address, int port, int maxFrameBytes, AccessTokens tokens,
                      SslContext tls, LogServiceConfig config, boolean withExamples, ContextAware reporter) {
        this.reporter = reporter;
        nexus.setAccessTokens(tokens);
        logService = new LogService(nexus, ctx, config).start();
        examples = withExamples ? new ExampleServices(nexus).start() : null;
        transport = new TcpTransport(nexus, address, port, TcpSettings.DEFAULTS.withMaxFrameBytes(maxFrameBytes), tls);
        try {
            transport.start();
        } catch (Exception e) {
            stop();
            throw new IllegalStateException(e.getMessage(), e);
        }
        InetSocketAddress a = transport.boundAddress();
        reporter.addInfo("messenger log service listening on " + a.getAddress().getHostAddress() + ":" + a.getPort());
        if (!a.getAddress().isLoopbackAddress() && tokens == null) {
            reporter.addWarn("messenger log service listens on a non-loopback address (" + a.getAddress().getHostAddress()
                    + ") without a tokensFile: anyone who can reach it can read the log and change log levels");
        } else if (!a.getAddress().isLoopbackAddress() && tls == null) {
            reporter.addWarn("messenger log service listens on a non-loopback address (" + a.getAddress().getHostAddress()
                    + ") without tlsCert/tlsKey: tokens and the log cross the network in the clear");
        }
    }

    LogService logService() {
        return logService;
    }

    InetSocketAddress boundAddress() {
        return transport.boundAddress();
    }

    void stop() {
        transport.stop();
        if (examples != null) {
            examples.stop();
        }
        try {
            logService.stop(5, TimeUnit.SECONDS);
            nexus.stop(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

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
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The controller under test: its own logback context with the log service, its appender on the
 * root logger, and a messenger on an ephemeral loopback port; or, for the baseline, the same
 * context with a do-nothing appender and no messenger.
 */
final class BenchController implements AutoCloseable {
    final LoggerContext context = new LoggerContext();
    final Logger logger;
    final LogService service;
    private final Nexus nexus;
    private final TcpTransport transport;

    private BenchController(boolean withMessenger) throws Exception {
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
            // Room for the 1,000 idle subscribers of the heap scenario and the probes beside them,
            // all from 127.0.0.1.
            TcpSettings settings = TcpSettings.DEFAULTS.withLimits(ConnectionLimits.DEFAULTS.withMaxConnections(10_000)
                    .withMaxConnectionsPerAddress(10_000));
            transport = new TcpTransport(nexus, "127.0.0.1", 0, settings).start();
        } else {
            NopAppender nop = new NopAppender();
            nop.setContext(context);
            nop.start();
            root.addAppender(nop);
            nexus = null;
            service = null;
            transport = null;
        }
    }

    static BenchController withMessenger() throws Exception {
        return new BenchController(true);
    }

    /** logback with an appender that does nothing: the cost of logging without this project. */
    static BenchController baseline() throws Exception {
        return new BenchController(false);
    }

    /** One typical record: what every throughput scenario logs. */
    void logPacketIn(long i) {
        logger.info("[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}", i & 7, i);
    }

    InetSocketAddress address() {
        return transport.boundAddress();
    }

    @Override
    public void close() throws Exception {
        if (transport != null) {
            transport.stop();
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

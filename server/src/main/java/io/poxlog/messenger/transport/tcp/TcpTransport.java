package io.poxlog.messenger.transport.tcp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.netty.ConnectionCount;
import io.poxlog.messenger.transport.netty.ExposureWarning;
import io.poxlog.messenger.transport.netty.ServerTls;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The passive TCP transport: listens for messenger clients (POX's {@code messenger.tcp_transport}).
 * Default address 127.0.0.1, unlike POX's 0.0.0.0: exposing the log is a choice.
 *
 * <p>{@link #start} binds and returns once listening; {@link #stop} closes the listener and every
 * connection within a bounded time. Both are safe to call twice, from any thread.
 */
public final class TcpTransport {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");

    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 7790;

    private final Nexus nexus;
    private final String address;
    private final int port;
    private final TcpSettings settings;
    private final SslContext tls;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private ChannelGroup connections;
    private ConnectionCount count;

    public TcpTransport(Nexus nexus, String address, int port, TcpSettings settings) {
        this(nexus, address, port, settings, null);
    }

    /** With {@code tls} non-null, clients must speak TLS (see {@link ServerTls}). */
    public TcpTransport(Nexus nexus, String address, int port, TcpSettings settings, SslContext tls) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        this.nexus = nexus;
        this.address = address;
        this.port = port;
        this.settings = settings;
        this.tls = tls;
    }

    public synchronized TcpTransport start() throws Exception {
        if (listener != null) {
            return this;
        }
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("messenger-tcp-accept", true));
        // One I/O thread per core, not Netty's two: the controller's own threads need the cores,
        // and on a 2-core machine fewer hand-offs between threads cut the latency tail.
        workers = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("messenger-tcp-io", true));
        connections = new DefaultChannelGroup("messenger-tcp", GlobalEventExecutor.INSTANCE);
        ChannelGroup group = connections;
        count = new ConnectionCount(settings.limits().maxConnections(), settings.limits().maxConnectionsPerAddress(), log,
                ConnectionCount::refuseInJson);
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(settings.writeLowWaterMark(), settings.writeHighWaterMark()))
                    .childHandler(new MessengerChannelInitializer(nexus, settings, group, count, tls));
            listener = b.bind(InetAddress.getByName(address), port).sync().channel();
        } catch (Exception e) {
            shutdownGroups();
            listener = null;
            throw new java.io.IOException("cannot listen on " + address + ":" + port + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = boundAddress();
        log.info("Listening on {}{}", ExposureWarning.where(address, bound), tls == null ? "" : " (TLS)");
        ExposureWarning.check(log, bound, address, nexus.authRequired(), tls != null);
        return this;
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public synchronized InetSocketAddress boundAddress() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** Connections open now (accepted and not yet closed). */
    public synchronized int openConnections() {
        return count == null ? 0 : count.open();
    }

    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        listener = null;
        // Let what was already sent reach the clients, then close them: bounded.
        connections.writeAndFlush(Unpooled.EMPTY_BUFFER).awaitUninterruptibly(2, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        shutdownGroups();
        log.debug("No longer listening");
    }

    private void shutdownGroups() {
        if (boss != null) {
            boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            boss = null;
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            workers = null;
        }
    }
}

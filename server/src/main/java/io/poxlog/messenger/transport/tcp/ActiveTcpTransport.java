package io.poxlog.messenger.transport.tcp;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.netty.ServerTls;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active TCP transport: dials out to another messenger and keeps dialling, forever, like
 * POX's, with exponential backoff (0.5 s doubling to 30 s, reset after a connection that lasted
 * 10 s).
 * The remote messenger welcomes us and its messages are routed by our nexus like any client's.
 * {@link #start} returns at once; {@link #stop} is bounded and safe to call twice.
 */
public final class ActiveTcpTransport {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");
    static final long FIRST_DELAY_MS = 500;
    static final long MAX_DELAY_MS = 30_000;
    /** How long a connection must have lasted for the next dial to come quickly again. */
    static final Duration STABLE = Duration.ofSeconds(10);

    private final Nexus nexus;
    private final String host;
    private final int port;
    private final TcpSettings settings;
    private final SslContext tls;
    private final String token;
    private EventLoopGroup group;
    private Bootstrap bootstrap;
    private volatile boolean running;
    private volatile Channel channel;
    private volatile long delayMs = FIRST_DELAY_MS;

    public ActiveTcpTransport(Nexus nexus, String host, int port, TcpSettings settings) {
        this(nexus, host, port, settings, null, null);
    }

    /**
     * With {@code tls} non-null (see {@link ServerTls#trustingCa}), speaks TLS to the remote
     * messenger; with {@code token} non-null, authenticates with it when the remote asks.
     */
    public ActiveTcpTransport(Nexus nexus, String host, int port, TcpSettings settings, SslContext tls, String token) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1-65535, not " + port);
        }
        this.nexus = nexus;
        this.host = host;
        this.port = port;
        this.settings = settings;
        this.tls = tls;
        this.token = token;
    }

    public synchronized ActiveTcpTransport start() {
        if (running) {
            return this;
        }
        running = true;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("messenger-tcp-active", true));
        bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark(settings.writeLowWaterMark(), settings.writeHighWaterMark()))
                .handler(new MessengerChannelInitializer(nexus, settings, tls, host, port, token));
        dial();
        return this;
    }

    /** Whether a connection to the remote messenger is up now. */
    public boolean connected() {
        Channel c = channel;
        return c != null && c.isActive();
    }

    /** How long the transport waits before its next dial once the connection is lost. */
    long nextDelayMillis() {
        return delayMs;
    }

    private void dial() {
        if (!running) {
            return;
        }
        ChannelFuture f = bootstrap.connect(host, port);
        f.addListener((ChannelFuture done) -> {
            if (done.isSuccess()) {
                log.info("Connected to messenger at {}:{}", host, port);
                long connectedAt = System.nanoTime();
                channel = done.channel();
                channel.closeFuture().addListener(closed -> {
                    log.info("Lost messenger at {}:{}", host, port);
                    // A remote that hangs up at once (over its connection limit, say) is not a
                    // link that worked: only one that lasted starts the backoff afresh.
                    if (System.nanoTime() - connectedAt >= STABLE.toNanos()) {
                        delayMs = FIRST_DELAY_MS;
                    }
                    retryLater();
                });
            } else {
                log.debug("Cannot reach messenger at {}:{}: {}", host, port, done.cause().getMessage());
                retryLater();
            }
        });
    }

    private void retryLater() {
        if (!running) {
            return;
        }
        long delay = delayMs;
        delayMs = Math.min(delayMs * 2, MAX_DELAY_MS);
        try {
            group.schedule(this::dial, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // stop() won the race; nothing to retry
        }
    }

    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        Channel c = channel;
        if (c != null) {
            c.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}

package io.poxlog.web;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.poxlog.messenger.transport.netty.ConnectionCount;
import io.poxlog.messenger.transport.netty.ExposureWarning;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code web.webcore}: one HTTP/1.1 server that other components mount their handlers on, by
 * path prefix ({@link #mount}, POX's {@code set_handler}). It knows nothing of the messenger or
 * the log: the transports and the viewer mounted on it do. Every request has its {@code Host}
 * checked against the names served ({@link WebSettings#allowedHosts}) before any handler sees
 * it, and every limit of {@link WebLimits} is answered with an HTTP status and a JSON error.
 *
 * <p>{@link #mount} and {@link #unmount} may be called from any thread, before or after
 * {@link #start}. {@link #start} binds and returns once listening; {@link #stop} closes the
 * listener and every connection (held requests and taken-over ones too) within a bounded time.
 * Both are safe to call twice, from any thread.
 */
public final class WebServer {
    private static final Logger log = LoggerFactory.getLogger("web.webcore");

    private final WebSettings settings;
    private final BooleanSupplier tokensRequired;
    private final MountTable mounts = new MountTable();
    private final CrossOrigin cors;
    private EventLoopGroup boss;
    private EventLoopGroup workers;
    private Channel listener;
    private ChannelGroup connections;
    private ConnectionCount count;
    private ServedNames names;
    private final List<Consumer<InetSocketAddress>> whenListening = new ArrayList<>();

    /** A server whose handlers ask no tokens (the exposure warning says so when it listens beyond loopback). */
    public WebServer(WebSettings settings) {
        this(settings, () -> false);
    }

    /**
     * {@code tokensRequired}: whether the services mounted here ask clients for tokens (the
     * messenger's {@code --tokens}), asked at {@link #start} for the exposure warning.
     */
    public WebServer(WebSettings settings, BooleanSupplier tokensRequired) {
        this.settings = settings;
        this.tokensRequired = tokensRequired;
        this.cors = new CrossOrigin(settings.allowedOrigins());
    }

    /**
     * Sends the requests whose path is {@code prefix} or lies below it ({@code /_webmsg} takes
     * {@code /_webmsg/abc}) to {@code handler}; the longest prefix wins.
     *
     * @throws IllegalStateException when a handler is mounted there already
     * @throws IllegalArgumentException when {@code prefix} is not a path
     */
    public void mount(String prefix, WebHandler handler) {
        mounts.mount(prefix, handler);
    }

    /**
     * Headers of a handler's that pages of {@code --allowed_origins} may send ({@code sent}, granted
     * in preflights besides {@code Content-Type} and {@code Authorization}) and read in its answers
     * ({@code read}, {@code Access-Control-Expose-Headers}); any thread, best before {@link #start}.
     * Pages of other origins get no CORS at all (PROTOCOL.md §9.2).
     */
    public void allowCrossOriginHeaders(java.util.Collection<String> sent, java.util.Collection<String> read) {
        cors.allow(sent, read);
    }

    /** Whether a handler was mounted there (requests in progress finish with it). */
    public boolean unmount(String prefix) {
        return mounts.unmount(prefix);
    }

    public WebSettings settings() {
        return settings;
    }

    public synchronized WebServer start() throws IOException {
        if (listener != null) {
            return this;
        }
        String address = settings.address();
        WebLimits limits = settings.limits();
        boss = new NioEventLoopGroup(1, new DefaultThreadFactory("web-accept", true));
        workers = new NioEventLoopGroup(Runtime.getRuntime().availableProcessors(),
                new DefaultThreadFactory("web-io", true));
        connections = new DefaultChannelGroup("web", GlobalEventExecutor.INSTANCE);
        count = new ConnectionCount(limits.maxConnections(), limits.maxConnectionsPerAddress(), log,
                WebChannelInitializer::refuse);
        try {
            InetAddress bindTo = InetAddress.getByName(address);
            // The names do not depend on the port: known before the first connection can come.
            names = ServedNames.of(new InetSocketAddress(bindTo, 0), settings.allowedHosts(),
                    settings.allowedOrigins(), settings.tls() != null);
            ServerBootstrap b = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new WebChannelInitializer(mounts, names, cors, limits, settings.tls(), connections, count));
            listener = b.bind(bindTo, settings.port()).sync().channel();
        } catch (Exception e) {
            shutdownGroups();
            listener = null;
            throw new IOException("cannot listen on " + address + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = boundAddress();
        log.info("Listening on {}{}", ExposureWarning.where(address, bound), settings.tls() == null ? "" : " (TLS)");
        ExposureWarning.check(log, bound, address, tokensRequired.getAsBoolean(), settings.tls() != null);
        for (Consumer<InetSocketAddress> action : whenListening) {
            try {
                action.accept(bound);
            } catch (RuntimeException e) {
                log.warn("An action waiting for the server to listen failed: {}", e.toString(), e);
            }
        }
        return this;
    }

    /**
     * Runs {@code action} with the bound address once the server listens: now, on this thread, when
     * it does already; otherwise in {@link #start}, after it has said where it listens (so that a
     * component loaded before {@code web.webcore} can say its URL with the real port).
     */
    public synchronized void whenListening(Consumer<InetSocketAddress> action) {
        if (listener != null) {
            action.accept(boundAddress());
        } else {
            whenListening.add(action);
        }
    }

    /** The address actually bound (the real port when 0 was asked for). */
    public synchronized InetSocketAddress boundAddress() {
        if (listener == null) {
            throw new IllegalStateException("not started");
        }
        return (InetSocketAddress) listener.localAddress();
    }

    /** The names {@code Host} may give (after {@link #start}). */
    public synchronized java.util.Set<String> servedNames() {
        if (names == null) {
            throw new IllegalStateException("not started");
        }
        return names.names();
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

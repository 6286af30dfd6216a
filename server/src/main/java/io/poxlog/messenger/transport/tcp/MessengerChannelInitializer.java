package io.poxlog.messenger.transport.tcp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import javax.net.ssl.SSLParameters;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.transport.netty.ConnectionCount;
import io.poxlog.messenger.transport.netty.ConnectionHandler;
import io.poxlog.messenger.transport.netty.ServerTls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the pipeline of one messenger TCP connection, accepted or dialled. */
final class MessengerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");
    private final Nexus nexus;
    private final TcpSettings settings;
    private final boolean dialled;
    private final ChannelGroup group;
    private final ConnectionCount count;
    private final SslContext tls;
    private final String host;
    private final int port;
    private final String token;

    /**
     * For connections dialled to {@code host}: no group, no connection limit; TLS when
     * {@code tls} is non-null, checking that the certificate names {@code host}; {@code token}
     * (or null) answers a welcome that asks for one.
     */
    MessengerChannelInitializer(Nexus nexus, TcpSettings settings, SslContext tls, String host, int port, String token) {
        this(nexus, settings, true, null, null, tls, host, port, token);
    }

    /**
     * For accepted connections, counted in {@code group} and bounded by {@code count}; with
     * {@code tls} non-null, TLS is spoken before anything else.
     */
    MessengerChannelInitializer(Nexus nexus, TcpSettings settings, ChannelGroup group, ConnectionCount count,
                                SslContext tls) {
        this(nexus, settings, false, group, count, tls, null, 0, null);
    }

    private MessengerChannelInitializer(Nexus nexus, TcpSettings settings, boolean dialled, ChannelGroup group,
                                        ConnectionCount count, SslContext tls, String host, int port, String token) {
        this.nexus = nexus;
        this.settings = settings;
        this.dialled = dialled;
        this.group = group;
        this.count = count;
        this.tls = tls;
        this.host = host;
        this.port = port;
        this.token = token;
    }

    private SslHandler clientHandler(SocketChannel ch) {
        SslHandler h = tls.newHandler(ch.alloc(), host, port);
        SSLParameters params = h.engine().getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host dialled
        h.engine().setSSLParameters(params);
        return h;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        if (count != null && !count.admit(ch)) {
            return;
        }
        if (group != null) {
            group.add(ch); // for a bounded, flushing shutdown; removed when it closes
        }
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            // tls: decrypts before framing; the welcome waits in it until the handshake is done
            p.addLast("tls", dialled ? clientHandler(ch) : ServerTls.serverHandler(tls, ch.alloc()));
        }
        // framer: cuts the byte stream into whole JSON objects, bounded in size (PROTOCOL.md §1)
        p.addLast("framer", new JsonObjectFramer(settings.maxFrameBytes()));
        // codec: one frame -> one ObjectNode, or a recoverable error
        p.addLast("decoder", JsonMessageDecoder.INSTANCE);
        // business: the connection as the nexus sees it
        p.addLast("connection", new ConnectionHandler(nexus, settings.limits(), settings.maxFrameBytes(),
                channel -> new TcpConnection(channel, dialled, settings.maxPendingBytes()), dialled, token, log));
    }
}

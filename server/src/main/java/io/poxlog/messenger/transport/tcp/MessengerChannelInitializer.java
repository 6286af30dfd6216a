package io.poxlog.messenger.transport.tcp;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.json.JsonObjectDecoder;
import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.core.Nexus;

/** Builds the pipeline of one messenger TCP connection, accepted or dialled. */
final class MessengerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final Nexus nexus;
    private final TcpSettings settings;
    private final boolean dialled;
    private final ChannelGroup group;
    private final ConnectionCount count;
    private final SslContext tls;

    /** For dialled connections: no group, no connection limit, no TLS. */
    MessengerChannelInitializer(Nexus nexus, TcpSettings settings) {
        this(nexus, settings, true, null, null, null);
    }

    /**
     * For accepted connections, counted in {@code group} and bounded by {@code count}; with
     * {@code tls} non-null, TLS is spoken before anything else.
     */
    MessengerChannelInitializer(Nexus nexus, TcpSettings settings, ChannelGroup group, ConnectionCount count,
                                SslContext tls) {
        this(nexus, settings, false, group, count, tls);
    }

    private MessengerChannelInitializer(Nexus nexus, TcpSettings settings, boolean dialled, ChannelGroup group,
                                        ConnectionCount count, SslContext tls) {
        this.nexus = nexus;
        this.settings = settings;
        this.dialled = dialled;
        this.group = group;
        this.count = count;
        this.tls = tls;
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
            p.addLast("tls", tls.newHandler(ch.alloc()));
        }
        // framer: cuts the byte stream into whole JSON objects, bounded in size (PROTOCOL.md §1)
        p.addLast("framer", new JsonObjectDecoder(settings.maxFrameBytes()));
        // codec: one frame -> one ObjectNode, or a recoverable error
        p.addLast("decoder", JsonMessageDecoder.INSTANCE);
        // business: the connection as the nexus sees it
        p.addLast("connection", new ConnectionHandler(nexus, settings, dialled));
    }
}

package io.poxlog.web;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.stream.ChunkedWriteHandler;
import io.poxlog.messenger.transport.netty.ConnectionCount;
import io.poxlog.messenger.transport.netty.ServerTls;

/** Builds the pipeline of one accepted HTTP connection. */
final class WebChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final MountTable mounts;
    private final ServedNames names;
    private final CrossOrigin cors;
    private final WebLimits limits;
    private final SslContext tls;
    private final ChannelGroup group;
    private final ConnectionCount count;

    WebChannelInitializer(MountTable mounts, ServedNames names, CrossOrigin cors, WebLimits limits, SslContext tls,
                          ChannelGroup group, ConnectionCount count) {
        this.mounts = mounts;
        this.names = names;
        this.cors = cors;
        this.limits = limits;
        this.tls = tls;
        this.group = group;
        this.count = count;
    }

    /** How a connection over a limit is told: in HTTP, through the codec (and TLS), then closed. */
    static void refuse(io.netty.channel.Channel ch, String error, boolean perAddress) {
        io.netty.handler.codec.http.FullHttpResponse r = Responses.refusal(perAddress ? 429 : 503, error);
        r.headers().set("Retry-After", "5");
        ch.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        group.add(ch); // for a bounded shutdown; removed when it closes
        ChannelPipeline p = ch.pipeline();
        if (tls != null) {
            // tls: decrypts before anything reads the bytes
            p.addLast("tls", ServerTls.serverHandler(tls, ch.alloc()));
        }
        // timer: the idle limit, and the time a request may take to arrive (sees the bytes as they come)
        p.addLast("timer", new RequestTimer(limits.idleTimeout()));
        // codec: bytes <-> HTTP messages, the request line and headers bounded
        p.addLast("codec", new HttpServerCodec(limits.maxHeaderBytes(), limits.maxHeaderBytes(), 8192));
        // admission after the codec, so that a refusal is an HTTP answer (encrypted when TLS is spoken)
        if (!count.admit(ch)) {
            return;
        }
        // aggregator: a request and its body as one message, the body bounded
        p.addLast("aggregator", new LimitedAggregator(limits.maxBodyBytes()));
        // chunked: streams files from disk
        p.addLast("chunked", new ChunkedWriteHandler());
        // requests: Host check, routing to the mounted handlers, answers in order
        p.addLast("requests", new WebConnectionHandler(mounts, names, cors, limits, tls != null));
    }
}

package io.poxlog.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ThreadFactory;

/**
 * A headless WebSocket subscriber: a real client of the messenger's WebSocket transport
 * (PROTOCOL.md §12) that joins a {@code log_*} channel and counts every record
 * ({@link RecordCounter}), one object per text frame.
 *
 * <p>It is Netty's WebSocket client codec, not the JDK's {@code java.net.http.WebSocket}: Netty
 * hands over each frame's bytes as they came (the same UTF-8 the TCP subscriber parses, with no
 * decoding to characters and back), answers pings itself, and reads with the same
 * non-blocking loop the server uses; the JDK's client decodes every message into characters and
 * goes through its own schedulers per message, which would make the subscriber, not the server,
 * the limit of {@code e2e_ws}. All WebSocket subscribers share one event-loop thread,
 * "bench-ws-subscribers", counted as subscribers' CPU ({@link ReadLoop#countAlso}).
 */
final class WsSubscriber extends RecordCounter {
    private static EventLoopGroup group;

    private final String name = "log_" + UUID.randomUUID();
    private final String joinKeys;
    private volatile Channel channel;

    private WsSubscriber(String joinKeys, LatencySink latency) {
        super(latency);
        this.joinKeys = joinKeys;
    }

    /** Connects to {@code uri}, joins a fresh channel with {@code joinKeys} and sends the probe. */
    static WsSubscriber connect(URI uri, String joinKeys, LatencySink latency) throws InterruptedException {
        WsSubscriber s = new WsSubscriber(joinKeys, latency);
        Bootstrap b = new Bootstrap().group(group()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).maxFramePayloadLength(RecordStreamScanner.MAX_OBJECT_BYTES)
                                .handshakeTimeoutMillis(10_000)
                                // The server's text is ASCII (PROTOCOL.md: ensure_ascii), and checking
                                // it byte by byte was the top of this thread's profile.
                                .withUTF8Validator(false).build();
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new WebSocketClientProtocolHandler(config), new Reader(s));
                    }
                });
        s.channel = b.connect(uri.getHost(), uri.getPort()).sync().channel();
        return s;
    }

    private static synchronized EventLoopGroup group() {
        if (group == null) {
            ThreadFactory daemons = new DefaultThreadFactory("bench-ws-subscribers", true);
            group = new NioEventLoopGroup(1, (ThreadFactory) r -> {
                Thread t = daemons.newThread(r);
                ReadLoop.countAlso(t);
                return t;
            });
        }
        return group;
    }

    /** Joins once the handshake is done, then parses each text frame. Event-loop thread. */
    private static final class Reader extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final WsSubscriber s;
        private byte[] buf = new byte[64 * 1024];

        Reader(WsSubscriber s) {
            this.s = s;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                // One object per frame: the join, then the probe.
                String both = joinAndProbe(s.name, s.joinKeys);
                int cut = both.indexOf("}{") + 1;
                ctx.write(new TextWebSocketFrame(both.substring(0, cut)));
                ctx.writeAndFlush(new TextWebSocketFrame(both.substring(cut)));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) throws IOException {
            ByteBuf content = frame.content();
            int n = content.readableBytes();
            if (n > buf.length) {
                buf = new byte[Math.max(n, 2 * buf.length)];
            }
            content.getBytes(content.readerIndex(), buf, 0, n);
            s.received(buf, n);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // the scenario times out waiting for records, and says so
        }
    }

    @Override
    public void close() {
        Channel c = channel;
        if (c != null) {
            c.close().syncUninterruptibly();
        }
    }
}

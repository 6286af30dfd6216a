package io.poxlog.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling, {@code raw_loopback_records_per_s}: records the log service really encoded are
 * captured once, then pushed already encoded, as fast as the client reads them, down the same
 * transport (Netty, same socket options and water marks) to the same kind of client. Measured in
 * rounds with the end-to-end scenarios ({@link TransportRounds}): it pushes only while
 * {@link #resume}d, so that it takes no CPU from them between its turns.
 *
 * <p>It keeps no more in flight than the end-to-end producer does ({@link Flooder}): once
 * {@link TransportRounds.E2e#WINDOW} records ahead of the client it waits until the client is
 * within half of that ({@link DrainWait}, on its event loop). Pushed as fast as the channel was
 * writable instead, it kept the client's receive window full, so that the sending socket's
 * queued data went out from the client's own thread as its reads reopened the window (the
 * kernel's transmit, in {@code perf record}, under the reader): the reader spent about 100 ns more
 * per record than the same reader end to end, and the ceiling sat below the path it bounds.
 */
final class RawLoopback implements AutoCloseable {
    private static final int TEMPLATE_RECORDS = 8192;
    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel server;
    private final Pusher pusher;
    private final int recordBytes;
    final CountingSubscriber subscriber;

    RawLoopback() throws Exception {
        Template template = captureRecords();
        recordBytes = template.bytes.length / TEMPLATE_RECORDS;
        ByteBuf payload = Unpooled.unreleasableBuffer(Unpooled.directBuffer(template.bytes.length).writeBytes(template.bytes));
        pusher = new Pusher(payload, template.bursts);
        try {
            server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    // The messenger's own socket options and water marks: the same transport, minus the service.
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                            TcpSettings.DEFAULTS.writeLowWaterMark(), TcpSettings.DEFAULTS.writeHighWaterMark()))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(pusher);
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            subscriber = new CountingSubscriber((InetSocketAddress) server.localAddress(), "", true, null);
            pusher.received = subscriber::records;
            subscriber.awaitSubscribed();
        } catch (Exception | Error e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    int recordBytes() {
        return recordBytes;
    }

    /** Starts pushing again. */
    void resume() {
        pusher.pushing = true;
        ChannelHandlerContext ctx = pusher.ctx;
        if (ctx != null) {
            ctx.executor().execute(() -> pusher.push(ctx));
        }
    }

    /** Stops pushing, and waits until the subscriber has read what was sent. */
    void pause() {
        pusher.pushing = false;
        long[] last = {-1};
        Pace.await("the raw subscriber caught up", 30_000, () -> {
            long now = subscriber.records();
            boolean still = now == last[0];
            last[0] = now;
            if (!still) {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000_000);
            }
            return still;
        });
    }

    @Override
    public void close() throws Exception {
        pusher.pushing = false;
        try {
            subscriber.close();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /**
     * Writes the template, a burst of records at a time, again and again while pushing is on, the
     * channel is writable and the client is less than a window behind.
     */
    @io.netty.channel.ChannelHandler.Sharable
    private static final class Pusher extends ChannelInboundHandlerAdapter {
        private final ByteBuf payload;
        private final int[] bursts;
        volatile boolean pushing;
        volatile ChannelHandlerContext ctx;
        /** The records the client has read; set once it exists. */
        volatile java.util.function.LongSupplier received = () -> 0;
        /** Event loop only: records written, the next burst, and the wait under way (or null). */
        private long sent;
        private int next;
        private DrainWait waiting;

        Pusher(ByteBuf payload, int[] bursts) {
            this.payload = payload;
            this.bursts = bursts;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            this.ctx = ctx;
            ctx.writeAndFlush(Unpooled.copiedBuffer("{\"CHANNEL\":\"\",\"test\":\"raw\"}", StandardCharsets.UTF_8));
            push(ctx);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            push(ctx);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg); // the client's join: ignored
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        void push(ChannelHandlerContext ctx) {
            if (waiting != null) {
                return; // a wait is under way: it pushes when it ends
            }
            while (pushing && ctx.channel().isActive() && ctx.channel().isWritable()) {
                waiting = DrainWait.ifAhead(sent - received.getAsLong(), TransportRounds.E2e.WINDOW);
                if (waiting != null) {
                    ctx.executor().schedule(() -> waited(ctx), DrainWait.MIN_NANOS, TimeUnit.NANOSECONDS);
                    break;
                }
                ctx.write(payload.slice(bursts[next], bursts[next + 1] - bursts[next]));
                sent += Flooder.BURST;
                next = (next + 1) % (bursts.length - 1);
            }
            ctx.flush();
        }

        /** Event loop: looks at the lag again; pushes once it is down to half a window. */
        private void waited(ChannelHandlerContext ctx) {
            long wait = waiting.next(sent - received.getAsLong());
            if (wait > 0 && pushing && ctx.channel().isActive()) {
                ctx.executor().schedule(() -> waited(ctx), wait, TimeUnit.NANOSECONDS);
                return;
            }
            waiting = null;
            push(ctx);
        }
    }

    /**
     * TEMPLATE_RECORDS records as the log service sent them, and where each burst of
     * {@link Flooder#BURST} of them starts in those bytes (their end last).
     */
    private record Template(byte[] bytes, int[] bursts) {
    }

    /** The exact bytes the log service sent for TEMPLATE_RECORDS records (json: true), cut into bursts as read. */
    private static Template captureRecords() throws Exception {
        try (BenchController c = BenchController.withMessenger(); Socket s = new Socket()) {
            s.connect(c.address());
            OutputStream out = s.getOutputStream();
            out.write("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_raw\",\"json\":true}{\"test\":\"go\"}"
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Capturing in = new Capturing(s.getInputStream());
            JsonParser p = new JsonFactory().createParser(in);
            long start = -1;
            int[] bursts = new int[TEMPLATE_RECORDS / Flooder.BURST + 1];
            java.util.concurrent.atomic.AtomicInteger got = new java.util.concurrent.atomic.AtomicInteger();
            int records = 0;
            boolean logged = false;
            while (records < TEMPLATE_RECORDS) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("stream ended while capturing");
                }
                long at = p.currentTokenLocation().getByteOffset();
                boolean record = false;
                boolean probe = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    if (name.equals("test")) {
                        probe = true;
                    } else if (name.equals("seq")) {
                        record = true;
                    } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                        p.skipChildren();
                    }
                }
                if (record) {
                    if (start < 0) {
                        start = at;
                    }
                    if (records % Flooder.BURST == 0) {
                        bursts[records / Flooder.BURST] = (int) (at - start);
                    }
                    records++;
                    got.set(records);
                } else if (probe && !logged) {
                    logged = true; // the probe's answer: subscribed, now log, never far ahead of this reader
                    Thread producer = new Thread(() -> {
                        for (int i = 0; i < TEMPLATE_RECORDS; i++) {
                            if ((i & 255) == 0) {
                                int sent = i;
                                Pace.below(() -> sent - got.get(), 1000);
                            }
                            c.logPacketIn(i);
                        }
                    }, "bench-capture-producer");
                    producer.setDaemon(true);
                    producer.start();
                }
            }
            long end = p.currentLocation().getByteOffset();
            byte[] all = in.bytes.toByteArray();
            byte[] out2 = new byte[(int) (end - start)];
            System.arraycopy(all, (int) start, out2, 0, out2.length);
            bursts[bursts.length - 1] = out2.length;
            return new Template(out2, bursts);
        }
    }

    /** Keeps every byte read, so the parser's offsets can cut the stream. */
    private static final class Capturing extends FilterInputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        Capturing(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytes.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytes.write(b, off, n);
            }
            return n;
        }
    }
}

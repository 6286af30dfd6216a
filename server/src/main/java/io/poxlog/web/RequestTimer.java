package io.poxlog.web;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The idle limit of one connection, first in its pipeline after TLS, where the bytes arrive:
 * between requests a connection may stay quiet for the limit and is then closed without a word
 * (a keep-alive connection's end); once the first byte of a request has come, the whole request
 * must arrive within the limit, or it is answered 408 and closed, so that a client sending a
 * byte now and then (slowloris) cannot keep a connection forever. While a request is being
 * answered the clock stops: a held request has its own limit. I/O thread only.
 */
final class RequestTimer extends ChannelInboundHandlerAdapter {
    private final Duration limit;
    private ChannelHandlerContext ctx;
    private ScheduledFuture<?> task;
    private boolean receiving;
    private boolean handling;

    RequestTimer(Duration limit) {
        this.limit = limit;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        idle();
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (!handling && !receiving && msg instanceof ByteBuf b && b.isReadable()) {
            receiving = true;
            cancel();
            schedule(this::tooSlow);
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        cancel();
    }

    /** A whole request has arrived and is being answered. */
    void handling() {
        cancel();
        handling = true;
        receiving = false;
    }

    /** The answer is written: waiting for the next request. */
    void idle() {
        cancel();
        handling = false;
        receiving = false;
        schedule(() -> ctx.close());
    }

    private void tooSlow() {
        ctx.channel().writeAndFlush(Responses.refusal(408, "the request did not arrive whole within "
                + limit.toSeconds() + " s, this server's limit (idle_timeout)"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    private void schedule(Runnable r) {
        if (!limit.isZero() && ctx.channel().isActive()) {
            task = ctx.executor().schedule(r, limit.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void cancel() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }
}

package io.poxlog.messenger.transport.ws;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.poxlog.messenger.transport.netty.InputRefusedException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket frames that are not messages, right after Netty's frame decoder: answers pings,
 * pings every {@code pingInterval} and closes (1001) a peer that answered none of the last two,
 * answers a close frame, refuses binary frames (1003), and turns the decoder's refusals (a frame
 * over the limit: 1009; a protocol error: 1002) into the errors {@code ConnectionHandler}
 * answers. Text and continuation frames go on to the aggregator. One per channel, on its event
 * loop.
 */
final class WsControlHandler extends ChannelInboundHandlerAdapter {
    private final WsConnection connection;
    private final Duration pingInterval;
    private ScheduledFuture<?> pinger;
    private int unanswered;
    private long pings;
    /** After a binary frame: its continuations are dropped too. */
    private boolean inBinary;
    private boolean refused;

    WsControlHandler(WsConnection connection, Duration pingInterval) {
        this.connection = connection;
        this.pingInterval = pingInterval;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        long every = pingInterval.toNanos();
        pinger = ctx.executor().scheduleAtFixedRate(() -> ping(ctx), every, every, TimeUnit.NANOSECONDS);
    }

    private void ping(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            pinger.cancel(false);
            return;
        }
        if (unanswered >= 2) {
            pinger.cancel(false);
            connection.closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "no pong to the last 2 pings");
            return;
        }
        unanswered++;
        ctx.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(++pings)), ctx.voidPromise());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (pinger != null) {
            pinger.cancel(false);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()), ctx.voidPromise());
        } else if (msg instanceof PongWebSocketFrame pong) {
            unanswered = 0;
            pong.release();
        } else if (msg instanceof CloseWebSocketFrame close) {
            int code = close.statusCode();
            close.release();
            // Answer with the peer's code (none: normal), then let the TCP connection go.
            // A code that may not be sent (1005, 1006, out of range) is answered as a normal close.
            // The answer to the server's own close ends the handshake: nothing more is sent.
            if (!connection.claimClose()) {
                ctx.close();
                return;
            }
            CloseWebSocketFrame answer = sendable(code)
                    ? new CloseWebSocketFrame(code, null) : new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE);
            ctx.writeAndFlush(answer).addListener(f -> ctx.close());
        } else if (msg instanceof BinaryWebSocketFrame binary) {
            inBinary = !binary.isFinalFragment();
            binary.release();
            refuse(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, new InputRefusedException(
                    "a binary frame; this server takes text frames of one JSON object each"));
        } else if (msg instanceof ContinuationWebSocketFrame cont && inBinary) {
            inBinary = !cont.isFinalFragment();
            cont.release();
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException bad) {
            if (bad.closeStatus() != null && bad.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()) {
                refuse(ctx, WebSocketCloseStatus.MESSAGE_TOO_BIG, new TooLongFrameException(bad.getMessage()));
            } else {
                WebSocketCloseStatus status = bad.closeStatus() == null ? WebSocketCloseStatus.PROTOCOL_ERROR : bad.closeStatus();
                refuse(ctx, status, new InputRefusedException("a malformed WebSocket frame (" + bad.getMessage() + ")"));
            }
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }

    /**
     * Whether a close may carry {@code code} (RFC 6455 §7.4): the protocol's codes an endpoint
     * sends, and 3000 to 4999 for libraries and applications. Netty's own check takes every code
     * from 3000 up, and -1 (a close without a code), which it then sent as 65535: the fuzz corpus
     * had a close of 5000 and an empty one answered with 5000 and 65535.
     */
    static boolean sendable(int code) {
        return code >= 1000 && code <= 1003 || code >= 1007 && code <= 1014 || code >= 3000 && code <= 4999;
    }

    /** The first refusal closes the connection; what comes after it is dropped without a word. */
    private void refuse(ChannelHandlerContext ctx, WebSocketCloseStatus status, Throwable error) {
        if (refused) {
            return;
        }
        refused = true;
        connection.closeStatus(status);
        ctx.fireExceptionCaught(error);
    }
}

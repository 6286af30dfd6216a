package io.poxlog.messenger.transport.tcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.poxlog.messenger.core.Nexus;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a messenger pipeline: turns the Netty channel into a {@link TcpConnection},
 * hands its messages to the nexus, and answers framing errors (PROTOCOL.md §6). One per channel.
 */
final class ConnectionHandler extends SimpleChannelInboundHandler<ObjectNode> {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");

    private final Nexus nexus;
    private final TcpSettings settings;
    private final boolean dialled;
    private TcpConnection connection;

    ConnectionHandler(Nexus nexus, TcpSettings settings, boolean dialled) {
        this.nexus = nexus;
        this.settings = settings;
        this.dialled = dialled;
    }

    TcpConnection connection() {
        return connection;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        connection = new TcpConnection(ctx.channel(), dialled, settings.maxPendingBytes());
        nexus.connected(connection);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (connection != null) {
            nexus.disconnected(connection);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ObjectNode message) {
        nexus.received(connection, message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection == null) {
            ctx.close();
            return;
        }
        if (cause instanceof MalformedMessageException) {
            // The frame was whole, so the stream is still in step: say what was wrong, go on.
            sendError(cause.getMessage(), false);
        } else if (cause instanceof TooLongFrameException) {
            sendError("message larger than the limit of " + settings.maxFrameBytes()
                    + " bytes; closing the connection", true);
        } else if (cause instanceof CorruptedFrameException || cause instanceof DecoderException) {
            sendError("bytes that are not a JSON object (" + cause.getMessage()
                    + "); closing the connection", true);
        } else if (cause instanceof IOException) {
            log.debug("{}: {}", connection, cause.toString());
            ctx.close();
        } else {
            log.warn("{} failed; closing it", connection, cause);
            ctx.close();
        }
    }

    private void sendError(String text, boolean close) {
        log.debug("{}: {}", connection, text);
        // Go through the nexus so the error cannot overtake the welcome or earlier replies.
        TcpConnection con = connection;
        nexus.execute(() -> {
            var error = Nexus.errorMessage(null, null, text);
            if (close) {
                con.sendAndClose(error);
            } else {
                con.send(error);
            }
        });
    }
}

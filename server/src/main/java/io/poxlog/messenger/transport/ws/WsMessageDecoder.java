package io.poxlog.messenger.transport.ws;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.transport.netty.InputRefusedException;
import io.poxlog.messenger.transport.netty.JsonMessages;
import io.poxlog.messenger.transport.netty.MalformedMessageException;
import java.io.IOException;
import java.util.List;

/**
 * One whole text message (aggregated from its fragments) into one {@link ObjectNode}. A message
 * that is not exactly one JSON object is {@link MalformedMessageException} (answered, and the
 * connection goes on: frames are always told apart); one that is not UTF-8 is refused and closed
 * (1007). It also gives the aggregator's refusal of a fragmented message over the limit its close
 * code (1009). One per channel, on its event loop.
 */
final class WsMessageDecoder extends MessageToMessageDecoder<TextWebSocketFrame> {
    private final WsConnection connection;

    WsMessageDecoder(WsConnection connection) {
        this.connection = connection;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, TextWebSocketFrame frame, List<Object> out) {
        if (!ByteBufUtil.isText(frame.content(), java.nio.charset.StandardCharsets.UTF_8)) {
            connection.closeStatus(WebSocketCloseStatus.INVALID_PAYLOAD_DATA);
            throw new InputRefusedException("a text frame that is not UTF-8");
        }
        JsonNode node;
        try (JsonParser p = Json.MAPPER.createParser(ByteBufUtil.getBytes(frame.content()))) {
            node = Json.MAPPER.readTree(p);
            if (node != null && p.nextToken() != null) {
                throw new MalformedMessageException("a frame must hold one JSON object, and this one holds more "
                        + "after it");
            }
        } catch (IOException e) {
            throw JsonMessages.unreadable(e);
        }
        out.add(JsonMessages.requireObject(node));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            connection.closeStatus(WebSocketCloseStatus.MESSAGE_TOO_BIG);
        }
        ctx.fireExceptionCaught(cause);
    }
}

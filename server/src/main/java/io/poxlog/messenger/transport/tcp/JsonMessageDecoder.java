package io.poxlog.messenger.transport.tcp;

import io.poxlog.messenger.transport.netty.JsonMessages;
import io.poxlog.messenger.transport.netty.MalformedMessageException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import io.poxlog.messenger.core.Json;
import java.io.IOException;
import java.util.List;

/**
 * Parses one frame, as cut by {@link JsonObjectFramer}, into an {@link ObjectNode}.
 * A frame that is not a JSON object raises {@link MalformedMessageException} naming what it is.
 * Stateless, so one instance serves every channel.
 */
@ChannelHandler.Sharable
final class JsonMessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    static final JsonMessageDecoder INSTANCE = new JsonMessageDecoder();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        JsonNode node;
        try (ByteBufInputStream in = new ByteBufInputStream(frame)) {
            node = Json.MAPPER.readTree((java.io.InputStream) in);
        } catch (IOException e) {
            throw JsonMessages.unreadable(e);
        }
        out.add(JsonMessages.requireObject(node));
    }
}

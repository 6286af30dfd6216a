package io.poxlog.messenger.transport.netty;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Locale;

/**
 * What every transport answers about a message that is not one JSON object (PROTOCOL.md §6), in
 * the same words: a TCP frame and a WebSocket text frame are refused alike.
 */
public final class JsonMessages {
    private JsonMessages() {
    }

    /** {@code node} as the object a message must be, or the refusal naming what it is instead. */
    public static ObjectNode requireObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new MalformedMessageException("a message must be a JSON object, not "
                + (node == null || node.isMissingNode() ? "nothing" : "a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }

    /** The refusal of bytes the JSON parser could not read. */
    public static MalformedMessageException unreadable(IOException e) {
        return e instanceof JacksonException j ? new MalformedMessageException("invalid JSON: " + j.getOriginalMessage())
                : new MalformedMessageException("unreadable frame: " + e.getMessage());
    }
}

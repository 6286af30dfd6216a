package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The error message of PROTOCOL.md §6, for the nexus and the transports alike. Stateless. */
public final class ErrorMessages {
    private ErrorMessages() {
    }

    /**
     * {@code {"CHANNEL": "", "cmd": "error", "error": text, "request_channel": ...}} with the
     * request's {@code XID}; {@code request} and {@code requestChannel} may be null.
     */
    public static ObjectNode of(JsonNode request, String requestChannel, String text) {
        ObjectNode err = Json.object();
        err.put("CHANNEL", Nexus.DEFAULT_CHANNEL);
        err.put("cmd", "error");
        err.put("error", text);
        if (requestChannel != null) {
            err.put("request_channel", requestChannel);
        }
        if (request != null && request.has("XID")) {
            err.set("XID", request.get("XID"));
        }
        return err;
    }

    /** The request's {@code CHANNEL} as an error names it: {@code ""} when missing, else its text or a preview. */
    static String channelText(ObjectNode msg) {
        JsonNode c = msg.get("CHANNEL");
        return c == null || c.isNull() ? Nexus.DEFAULT_CHANNEL : c.isTextual() ? c.asText() : Json.preview(c);
    }
}

package io.poxlog.messenger.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON codec of the messenger: encodes outgoing messages as compact ASCII JSON and builds
 * message objects. Thread-safe: Jackson's {@link ObjectMapper} is safe once configured.
 */
public final class Json {
    /**
     * Writes every character outside ASCII as a {@code \\u} escape, as POX's {@code json.dumps}
     * does: POX's test client slices its byte buffer by characters and loses its place after the
     * first multi-byte character.
     */
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII).disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();
    public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Json() {
    }

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    /** Encodes a message as compact UTF-8 JSON, with no trailing separator. */
    public static byte[] encode(JsonNode message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (JsonProcessingException e) {
            // A tree of Jackson nodes always serialises; anything else is a bug.
            throw new IllegalStateException("cannot encode message: " + e.getMessage(), e);
        }
    }

    /** The value of a text field, or {@code null} when it is absent or not text. */
    public static String text(JsonNode message, String field) {
        JsonNode v = message.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    /** A short, bounded rendering of a value for error messages. */
    public static String preview(JsonNode value) {
        String s = value == null ? "null" : value.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}

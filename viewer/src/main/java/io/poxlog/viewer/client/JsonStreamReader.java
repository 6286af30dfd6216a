package io.poxlog.viewer.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a messenger stream: JSON objects back to back, with or without whitespace between them
 * (PROTOCOL.md §1). Not thread-safe: one reading thread.
 */
public final class JsonStreamReader implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final JsonParser parser;

    public JsonStreamReader(InputStream in) throws IOException {
        this.parser = MAPPER.getFactory().createParser(in);
    }

    /** The next value, or {@code null} at the end of the stream. */
    public JsonNode next() throws IOException {
        JsonToken t = parser.nextToken();
        if (t == null) {
            return null;
        }
        return MAPPER.readTree(parser);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }
}

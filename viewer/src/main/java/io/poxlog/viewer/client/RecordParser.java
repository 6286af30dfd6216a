package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Reads one message's {@link MessageFields}: with the hand-written {@link RecordScanner} (the
 * fast path every record takes), or, when the scanner meets what it does not expect, properly
 * from a Jackson tree. Keys may come in any order (POX sends {@code CHANNEL} last). Not
 * thread-safe: one per reading thread.
 */
final class RecordParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final RecordScanner scanner = new RecordScanner();
    private final MessageFields fields = new MessageFields();

    /** The fields of the message last parsed; overwritten by the next. */
    MessageFields fields() {
        return fields;
    }

    /**
     * Parses the top-level fields; returns the message's {@code CHANNEL} ("" when absent).
     *
     * @throws IOException when the bytes are not a JSON object
     */
    String parse(byte[] bytes) throws IOException {
        try {
            return scanner.scan(bytes, fields);
        } catch (IOException | RuntimeException unusual) {
            return parseFully(bytes); // the scanner's shortcuts do not fit: do it properly
        }
    }

    /** The full parse (Jackson, through a tree), which the scanner must agree with. */
    String parseFully(byte[] bytes) throws IOException {
        JsonNode t = MAPPER.readTree(bytes);
        fields.reset();
        if (t == null || !t.isObject()) {
            throw new IOException("not a JSON object");
        }
        fields.channel = text(t.get("CHANNEL"), "");
        fields.xid = text(t.get("XID"), null);
        fields.cmd = text(t.get("cmd"), null);
        fields.seq = whole(t.get("seq"), -1);
        JsonNode created = t.get("created");
        fields.created = created != null && created.isNumber() ? created.asDouble() : Double.NaN;
        fields.levelName = text(t.get("levelname"), "");
        JsonNode levelNo = t.get("levelno");
        fields.levelNo = levelNo != null && levelNo.isNumber() ? levelNo.asInt() : -1;
        fields.logger = text(t.get("name"), "");
        fields.message = text(t.get("message"), "");
        fields.dropped = whole(t.get("dropped"), 0);
        JsonNode gap = t.get("gap");
        if (gap != null) {
            fields.hasGap = true;
            fields.gapFirst = MessageFields.MALFORMED_GAP;
            if (gap.isArray() && gap.size() == 2 && gap.get(0).canConvertToExactIntegral() && gap.get(0).canConvertToLong()
                    && gap.get(1).canConvertToExactIntegral() && gap.get(1).canConvertToLong()) {
                fields.gapFirst = gap.get(0).asLong();
                fields.gapLast = gap.get(1).asLong();
            }
        }
        return fields.channel;
    }

    private static String text(JsonNode v, String fallback) {
        return v != null && v.isTextual() ? v.asText() : fallback;
    }

    /** A whole number as a long (saturating, as the scanner reads it), or {@code fallback}. */
    private static long whole(JsonNode v, long fallback) {
        if (v == null || !v.isNumber()) {
            return fallback;
        }
        return v.canConvertToLong() ? v.asLong() : (long) v.asDouble();
    }
}

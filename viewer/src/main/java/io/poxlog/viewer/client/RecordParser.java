package io.poxlog.viewer.client;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.poxlog.viewer.model.LogEntry;
import java.io.IOException;

/**
 * Reads the fields the viewer shows from one record's bytes with Jackson's streaming parser,
 * building no tree. Keys may come in any order (POX sends {@code CHANNEL} last). Not
 * thread-safe: one per reading thread.
 */
final class RecordParser {
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private String channel;
    private long seq;
    private double created;
    private String levelName;
    private int levelNo;
    private String logger;
    private String message;
    private long dropped;

    private final RecordScanner scanner = new RecordScanner();

    /** Parses the top-level fields; returns the message's {@code CHANNEL} ("" when absent). */
    String parse(byte[] bytes) throws IOException {
        try {
            String ch = scanner.scan(bytes);
            channel = ch;
            seq = scanner.seq;
            created = scanner.created;
            levelName = scanner.levelName;
            levelNo = scanner.levelNo;
            logger = scanner.logger;
            message = scanner.message;
            dropped = scanner.dropped;
            return ch;
        } catch (IOException | RuntimeException unusual) {
            return parseWithJackson(bytes); // the scanner's shortcuts do not fit: do it properly
        }
    }

    private String parseWithJackson(byte[] bytes) throws IOException {
        channel = "";
        seq = -1;
        created = Double.NaN;
        levelName = "";
        levelNo = -1;
        logger = "";
        message = "";
        dropped = 0;
        try (JsonParser p = JSON.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "CHANNEL" -> channel = v == JsonToken.VALUE_STRING ? p.getText() : "";
                    case "seq" -> seq = v.isNumeric() ? p.getValueAsLong(-1) : -1;
                    case "created" -> created = v.isNumeric() ? p.getValueAsDouble() : Double.NaN;
                    case "levelname" -> levelName = p.getValueAsString("");
                    case "levelno" -> levelNo = v.isNumeric() ? p.getValueAsInt() : -1;
                    case "name" -> logger = p.getValueAsString("");
                    case "message" -> message = p.getValueAsString("");
                    case "dropped" -> dropped = v.isNumeric() ? p.getValueAsLong() : 0;
                    default -> {
                        if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                            p.skipChildren();
                        }
                    }
                }
            }
        }
        return channel;
    }

    /** The record just parsed as an entry, keeping its bytes for the details. */
    LogEntry entry(String source, byte[] bytes, double receivedAt) {
        String level = levelName;
        int number = levelNo;
        if (level.isEmpty()) {
            level = "INFO";
            number = 20;
        } else if (number < 0) {
            number = LogEntry.levelNumberOf(level);
        }
        return LogEntry.ofBytes(source, seq, Double.isNaN(created) ? receivedAt : created, level, number, logger,
                message, dropped, bytes);
    }
}

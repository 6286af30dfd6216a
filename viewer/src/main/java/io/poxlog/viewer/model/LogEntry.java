package io.poxlog.viewer.model;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One record as the viewer holds it: where it came from, and the fields the screen and filters
 * use, with the whole record kept for the details view. Immutable; safe on any thread.
 *
 * @param source the controller it came from, {@code host:port}
 * @param seq its sequence number, or -1 from a server without {@code seq} (plain POX)
 * @param created seconds since the epoch (the receipt time when the server sent none)
 * @param levelName POX level name (DEBUG, INFO, WARNING, ...)
 * @param levelNo POX level number (10, 20, 30, ...)
 * @param logger the logger name
 * @param message the formatted message, possibly several lines
 * @param dropped for a gap notice, how many records it reports lost; 0 for a record
 * @param raw the record as received
 */
public record LogEntry(String source, long seq, double created, String levelName, int levelNo, String logger,
                       String message, long dropped, JsonNode raw) {

    /** Builds an entry from a record received on a log channel. */
    public static LogEntry from(String source, JsonNode r, double receivedAt) {
        long seq = r.has("seq") ? r.get("seq").asLong(-1) : -1;
        double created = r.has("created") ? r.get("created").asDouble(receivedAt) : receivedAt;
        String levelName = r.path("levelname").asText("");
        int levelNo = r.has("levelno") ? r.get("levelno").asInt() : levelNumber(levelName);
        if (levelName.isEmpty()) {
            levelName = "INFO";
            levelNo = 20;
        }
        long dropped = r.has("dropped") ? r.get("dropped").asLong() : 0;
        return new LogEntry(source, seq, created, levelName, levelNo, r.path("name").asText(""),
                r.path("message").asText(""), dropped, r);
    }

    /** True for the service's notice of records lost (PROTOCOL.md §5.3). */
    public boolean isGapNotice() {
        return dropped > 0;
    }

    /** The first line of the message. */
    public String firstLine() {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    static int levelNumber(String name) {
        switch (name) {
            case "TRACE": return 5;
            case "DEBUG": return 10;
            case "INFO": return 20;
            case "WARN":
            case "WARNING": return 30;
            case "ERROR": return 40;
            case "CRITICAL":
            case "FATAL": return 50;
            default: return 20;
        }
    }
}

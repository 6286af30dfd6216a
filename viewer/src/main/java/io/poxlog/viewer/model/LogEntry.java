package io.poxlog.viewer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * One record as the viewer holds it: where it came from, and the fields the screen and filters
 * use. The whole record is kept as the bytes received and parsed only when someone asks for it
 * ({@link #tree}: the details view, JSON output), because parsing every record into a tree would
 * cost more than everything else the viewer does, and holding the trees would take several times
 * the memory of the bytes. Immutable once made; safe on any thread.
 */
public final class LogEntry {
    /**
     * Reads numbers as they were written: {@code created} 1795629852.3996131 stays that, not
     * 1.7956298523996131E9, when a record is shown or printed again.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    private final String source;
    private final long seq;
    private final double created;
    private final String levelName;
    private final int levelNo;
    private final String logger;
    private final String message;
    private final long dropped;
    private final byte[] bytes;
    /** The record as a tree, for an entry made from one; null for one kept as bytes. */
    private final JsonNode raw;
    private final boolean marker;
    private final long retainedBytes;

    /**
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
    public LogEntry(String source, long seq, double created, String levelName, int levelNo, String logger,
                    String message, long dropped, JsonNode raw) {
        this(source, seq, created, levelName, levelNo, logger, message, dropped, raw, null, false);
    }

    private LogEntry(String source, long seq, double created, String levelName, int levelNo, String logger,
                     String message, long dropped, JsonNode raw, byte[] bytes, boolean marker) {
        this.source = source;
        this.seq = seq;
        this.created = created;
        this.levelName = levelName;
        this.levelNo = levelNo;
        this.logger = logger;
        this.message = message;
        this.dropped = dropped;
        this.raw = raw;
        this.bytes = bytes;
        this.marker = marker;
        this.retainedBytes = EntrySize.of(levelName, logger, message, bytes, raw);
    }

    /** An entry whose whole record stays as {@code bytes}, parsed when {@link #tree} is asked for. */
    public static LogEntry ofBytes(String source, long seq, double created, String levelName, int levelNo,
                                   String logger, String message, long dropped, byte[] bytes) {
        return new LogEntry(source, seq, created, levelName, levelNo, logger, message, dropped, null, bytes, false);
    }

    /**
     * A row of the viewer's own between records, about a source rather than from it ("disconnected",
     * "reconnected, 12 recovered"): never filtered away (like a gap notice), drawn apart from
     * records, and not a record of the controller's, so {@code :write} leaves it out.
     */
    public static LogEntry marker(String source, double created, String text) {
        return new LogEntry(source, -1, created, "", 0, "", text, 0, null, null, true);
    }

    /** Builds an entry from a parsed record received on a log channel. */
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

    public String source() {
        return source;
    }

    public long seq() {
        return seq;
    }

    public double created() {
        return created;
    }

    public String levelName() {
        return levelName;
    }

    public int levelNo() {
        return levelNo;
    }

    public String logger() {
        return logger;
    }

    public String message() {
        return message;
    }

    public long dropped() {
        return dropped;
    }

    /**
     * The whole record as received, as a tree of the caller's own to read or change: parsed anew
     * from the bytes each time (not kept: {@code :write} asks for every record shown), or a copy
     * of the tree the entry was made from.
     */
    public ObjectNode tree() {
        if (raw != null) {
            return raw.isObject() ? raw.deepCopy() : JsonNodeFactory.instance.objectNode().put("message", message);
        }
        if (bytes == null) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode r = MAPPER.readTree(bytes);
            return r != null && r.isObject() ? (ObjectNode) r : JsonNodeFactory.instance.objectNode().put("message", message);
        } catch (IOException e) {
            return JsonNodeFactory.instance.objectNode().put("message", message);
        }
    }

    /** True for a row of the viewer's own ({@link #marker}); false for everything a controller sent. */
    public boolean isMarker() {
        return marker;
    }

    /**
     * About how many bytes of heap holding this entry takes: the record's bytes (or tree), the
     * strings made from it, and the objects around them. Computed once, when it is made, on the
     * thread that made it; the store bounds its memory by this.
     */
    public long retainedBytes() {
        return retainedBytes;
    }

    /** True for the service's notice of records lost (PROTOCOL.md §5.3). */
    public boolean isGapNotice() {
        return dropped > 0;
    }

    /** The POX number of a level name; 20 for a name it does not know. */
    public static int levelNumberOf(String name) {
        return levelNumber(name);
    }

    static int levelNumber(String name) {
        int n = Levels.ofName(name);
        return n < 0 ? 20 : n;
    }

    @Override
    public String toString() {
        return levelName + "|" + logger + "|" + message;
    }
}

package io.poxlog.viewer.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * Records as JSON lines, the form of {@code --json} and of the viewer's {@code :write}: each
 * record as received, plus {@code source} when following several controllers. Thread-safe.
 */
public final class JsonLines {
    private JsonLines() {
    }

    /** One record as one line of JSON (no newline), exactly as received. */
    public static String of(LogEntry e, boolean withSource) {
        return write(e.tree(), e, withSource);
    }

    /**
     * One record as {@code :write} saves it: as received, without the transport's {@code CHANNEL}
     * (the viewer's own subscription channel, of no meaning once saved).
     */
    public static String saved(LogEntry e, boolean withSource) {
        ObjectNode r = e.tree();
        r.remove("CHANNEL");
        return write(r, e, withSource);
    }

    private static String write(ObjectNode r, LogEntry e, boolean withSource) {
        if (withSource) {
            r.put("source", e.source());
        }
        try {
            return LogEntry.MAPPER.writeValueAsString(r);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex); // a tree Jackson built itself always serializes
        }
    }
}

package io.poxlog.viewer.client;

import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.LogEntry;

/**
 * The top-level fields of one message that the client and the viewer act on without building a
 * tree: where it goes ({@code CHANNEL}), what answers what ({@code XID}, {@code cmd}), and what a
 * record shows. {@link RecordScanner} and {@link RecordParser} both fill it, and both start from
 * {@link #reset}, so the two readings cannot disagree on what an absent field is. Reused for
 * every message: one per reading thread, valid until the next message is read.
 */
final class MessageFields {
    /** {@code gapFirst} when the message has a {@code gap} that is not two whole numbers. */
    static final long MALFORMED_GAP = Long.MIN_VALUE;

    /** "" when absent or not a string (the default channel). */
    String channel;
    /** Null when absent or not a string: this client's own XIDs are strings. */
    String xid;
    /** Null when absent or not a string. */
    String cmd;
    /** -1 when absent (plain POX) or not a number. */
    long seq;
    /** NaN when absent. */
    double created;
    /** "" when absent. */
    String levelName;
    /** -1 when absent. */
    int levelNo;
    String logger;
    String message;
    /** 0 when absent: records report nothing lost. */
    long dropped;
    boolean hasGap;
    /** The gap's first seq ({@link #MALFORMED_GAP} when it has no proper range), and its last. */
    long gapFirst;
    long gapLast;

    void reset() {
        channel = "";
        xid = null;
        cmd = null;
        seq = -1;
        created = Double.NaN;
        levelName = "";
        levelNo = -1;
        logger = "";
        message = "";
        dropped = 0;
        hasGap = false;
        gapFirst = 0;
        gapLast = 0;
    }

    /** Whether the message is an error reply (PROTOCOL.md §6): on the default channel, {@code cmd} error. */
    boolean isError() {
        return channel.isEmpty() && "error".equals(cmd);
    }

    /**
     * The record as an entry that keeps its {@code bytes} for the details, reporting {@code
     * dropped} records lost and showing {@code message} (a notice found malformed reports none).
     */
    LogEntry entry(String source, byte[] bytes, double receivedAt, long dropped, String message) {
        String level = levelName;
        int number = levelNo;
        if (level.isEmpty()) {
            level = "INFO";
            number = 20;
        } else if (number < 0) {
            int n = Levels.ofName(level);
            number = n < 0 ? 20 : n;
        }
        return LogEntry.ofBytes(source, seq, Double.isNaN(created) ? receivedAt : created, level, number, logger,
                message, dropped, bytes);
    }
}

package io.poxlog.logservice;

import java.util.concurrent.atomic.LongAdder;

/**
 * How a record too long for its subscription is cut (issue 10): as much of its message as fits,
 * then a marker that says so and names the limit, and each of its other texts and lists shortened.
 * Never silently: the record carries {@code "truncated": true} and the cut is counted
 * ({@link LogService#cutRecords}). Used by {@link RecordEncoding} on the log-service thread.
 */
final class RecordCut {
    /** What each text other than the message keeps of itself in a cut record. */
    static final int TEXT_CHARS = 1024;
    /** What each list (args, exc) keeps of itself in a cut record. */
    static final int ELEMENTS = 64;

    private final String marker;
    private final int markerBytes;
    private final int maxRecordBytes;
    private final LongAdder cuts;

    RecordCut(int maxRecordBytes, LongAdder cuts) {
        this.maxRecordBytes = maxRecordBytes;
        this.cuts = cuts;
        this.marker = " [... cut: this record passed the limit of " + maxRecordBytes
                + " bytes one record may take for one subscription (max_record_bytes)]";
        this.markerBytes = marker.length(); // ASCII, nothing to escape
    }

    void count() {
        cuts.increment();
    }

    /**
     * The bytes left for the message's text when the rest of the record took {@code written}
     * bytes: its key, quotes, the comma before it, the marker and the closing brace come off.
     */
    int roomForMessage(int written, int keyBytes) {
        return maxRecordBytes - written - keyBytes - 4 - markerBytes;
    }

    /** As much of {@code message} as takes at most {@code room} bytes of JSON, then the marker. */
    String message(String message, int room) {
        int n = JsonBytes.prefixFitting(message, Math.max(room, 0));
        return message.substring(0, n) + marker;
    }

    /** {@code s} cut to {@code cap} characters and a "..." (never between the halves of a pair). */
    static String shorten(String s, int cap) {
        if (s == null || s.length() <= cap) {
            return s;
        }
        int n = Character.isHighSurrogate(s.charAt(cap - 1)) ? cap - 1 : cap;
        return s.substring(0, n) + "...";
    }

    /** The last element of a shortened list: how many were left out (negative: an unknown number). */
    static String more(int leftOut) {
        return leftOut < 0 ? "... (more)" : "... (" + leftOut + " more)";
    }
}

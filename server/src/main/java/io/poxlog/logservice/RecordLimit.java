package io.poxlog.logservice;

import io.poxlog.logservice.format.PyLogFormat;
import io.poxlog.logservice.format.Strftime;
import java.util.concurrent.atomic.LongAdder;

/**
 * The most bytes one record may take for one subscription (issue 10), and what follows from it:
 * settings whose fixed part alone could pass it are refused ({@link #check}), once, as the
 * subscription is set up; a record too long because of its own texts is cut: as much of its
 * message as fits, then a marker that says so and names the limit, and each of its other texts
 * and lists shortened. Never silently: the record carries {@code "truncated": true} and the cut is
 * counted ({@link LogService#cutRecords}). Used by {@link RecordEncoding}: {@link #check} on the
 * nexus thread, the rest on the log-service thread.
 */
final class RecordLimit {
    /** What each text other than the message keeps of itself in a cut record. */
    static final int TEXT_CHARS = 1024;
    /** What each list (args, exc) keeps of itself in a cut record. */
    static final int ELEMENTS = 64;

    private final String marker;
    private final int markerBytes;
    private final int maxRecordBytes;
    private final LongAdder cuts;

    RecordLimit(int maxRecordBytes, LongAdder cuts) {
        this.maxRecordBytes = maxRecordBytes;
        this.cuts = cuts;
        this.marker = " [... cut: this record passed the limit of " + maxRecordBytes
                + " bytes one record may take for one subscription (max_record_bytes)]";
        this.markerBytes = marker.length(); // ASCII, nothing to escape
    }

    /** Keys and numbers of the {@code json} attributes, beyond the texts counted apart: generous. */
    private static final int JSON_FIXED_BYTES = 1024;
    /** The message key, seq and braces. */
    private static final int BASE_BYTES = 64;

    /**
     * Refuses settings that could make every record longer than the limit, before any text of
     * the record's own: literal text, widths, dates (a date of wide fields, repeated).
     *
     * @throws IllegalArgumentException naming the settings, the bound they reach and the limit
     */
    void check(PyLogFormat format, String formatSource, Strftime dateFormat, String dateFormatSource, boolean json) {
        long fixed = fixedBytes(format, formatSource, dateFormat, dateFormatSource, json);
        if (fixed > maxRecordBytes) {
            throw new IllegalArgumentException((dateFormat == null ? "'format'" : "'format' and 'dateFormat'")
                    + " could make one record up to " + fixed + " bytes long before any text of its own, past the limit of "
                    + maxRecordBytes + " bytes one record may take for one subscription (max_record_bytes)");
        }
    }

    /**
     * A bound on the bytes of a record with empty texts: what the settings alone make of every
     * record. Each character is at most 2 bytes of JSON when the formats are printable ASCII
     * (an escaped quote, backslash, or %n's newline), and at most 6 ({@code \u00e9}) otherwise.
     */
    private static long fixedBytes(PyLogFormat format, String formatSource, Strftime dateFormat, String dateFormatSource,
                                   boolean json) {
        long asctime = dateFormat == null ? 23 : dateFormat.maxLength();
        long chars = format.maxLength(key -> switch (key) {
            case "asctime" -> asctime;
            case "levelname" -> 8;
            case "processName" -> JsonAttributes.PROCESS_NAME_VALUE.length();
            // The record's own texts: the part a record may have to be cut for.
            case "message", "name", "threadName", "module", "funcName", "filename", "pathname" -> 0;
            default -> 24; // numbers: a long, or a double as %s writes it
        });
        if (json) {
            chars += asctime;
        }
        long perChar = printableAscii(formatSource) && (dateFormatSource == null || printableAscii(dateFormatSource)) ? 2 : 6;
        return chars * perChar + BASE_BYTES + (json ? JSON_FIXED_BYTES : 0);
    }

    private static boolean printableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
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

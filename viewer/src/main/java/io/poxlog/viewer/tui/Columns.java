package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.Sanitizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The log pane's columns for one screen width: time, source (with several controllers), level,
 * logger, message; and the text of each, made safe for the terminal. Immutable.
 */
final class Columns {
    static final int TIME = 12;
    static final int LEVEL = 8;
    private static final int MAX_SOURCE = 21;
    /** Parsed once: the UI makes a Columns for every frame. */
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final DateTimeFormatter time;
    final int width;
    final int source;
    final int logger;
    final int message;
    final int messageColumn;

    Columns(int width, List<String> sources, ZoneId zone) {
        this.width = width;
        this.time = TIME_OF_DAY.withZone(zone);
        int longest = 0;
        for (String s : sources) {
            longest = Math.max(longest, s.length());
        }
        this.source = sources.size() > 1 ? Math.min(MAX_SOURCE, longest) : 0;
        this.logger = Math.max(10, Math.min(24, width / 6));
        this.messageColumn = TIME + 1 + (source > 0 ? source + 1 : 0) + LEVEL + 1 + logger + 1;
        this.message = Math.max(1, width - messageColumn);
    }

    String time(LogEntry e) {
        return time.format(Instant.ofEpochMilli(Math.round(e.created() * 1000)));
    }

    String source(LogEntry e) {
        return tail(e.source(), source);
    }

    String logger(LogEntry e) {
        return tail(Sanitizer.line(e.logger().isEmpty() ? "root" : e.logger()), logger);
    }

    /** The message on one row: newlines become a visible mark, everything from {@code offset}. */
    String oneLine(LogEntry e, int offset) {
        String s = Sanitizer.line(e.message());
        return offset >= s.length() ? "" : s.substring(offset);
    }

    /** The message wrapped to the message column: each of its lines, cut into pieces that fit. */
    List<String> wrapped(LogEntry e) {
        List<String> rows = new ArrayList<>();
        for (String line : e.message().split("\n", -1)) {
            String s = Sanitizer.line(line);
            if (s.isEmpty()) {
                rows.add("");
            }
            for (int i = 0; i < s.length(); i += message) {
                rows.add(s.substring(i, Math.min(s.length(), i + message)));
            }
        }
        if (rows.size() > 1 && rows.get(rows.size() - 1).isEmpty()) {
            rows.remove(rows.size() - 1); // a trailing newline is not a row of its own
        }
        return rows;
    }

    /** The end of {@code s} in {@code cells} columns: dotted names differ at their end. */
    static String tail(String s, int cells) {
        if (s.length() <= cells) {
            return s;
        }
        return cells <= 1 ? s.substring(s.length() - cells) : "\u2026" + s.substring(s.length() - cells + 1);
    }
}

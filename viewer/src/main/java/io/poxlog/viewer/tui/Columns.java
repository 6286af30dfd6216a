package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.Sanitizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The log pane's columns for one screen width: time, source (with several controllers), level,
 * logger, message; and the text of each, made safe for the terminal. Below {@link #NARROW}
 * columns (an 80-column terminal) the time loses its milliseconds and levels are written short
 * (WARN, CRIT), so that the message keeps two thirds of the width.
 *
 * <p>A message longer than {@link #MAX_SHOWN} characters is cut, with a mark saying how much is
 * left out: a record of megabytes would otherwise be sanitized, wrapped and matched for every
 * frame it is on screen. The details view and {@code :write} have it whole. Immutable.
 */
final class Columns {
    static final int NARROW = 100;
    static final int MAX_SHOWN = 4096;
    /** Parsed once: the UI makes a Columns for every frame. */
    private static final DateTimeFormatter TIME_OF_DAY = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final DateTimeFormatter TIME_OF_DAY_SHORT = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int MAX_SOURCE = 21;

    private final DateTimeFormatter time;
    final int width;
    final boolean narrow;
    final int timeWidth;
    final int source;
    final int level;
    final int logger;
    final int message;
    final int messageColumn;

    Columns(int width, List<String> sources, ZoneId zone) {
        this.width = width;
        this.narrow = width < NARROW;
        this.time = (narrow ? TIME_OF_DAY_SHORT : TIME_OF_DAY).withZone(zone);
        this.timeWidth = narrow ? 8 : 12;
        this.level = narrow ? 5 : 8;
        int longest = 0;
        for (String s : sources) {
            longest = Math.max(longest, s.length());
        }
        this.source = sources.size() > 1 ? Math.min(narrow ? Math.max(6, width / 8) : MAX_SOURCE, longest) : 0;
        this.logger = narrow ? Math.max(8, width / 7) : Math.max(10, Math.min(24, width / 6));
        this.messageColumn = timeWidth + 1 + (source > 0 ? source + 1 : 0) + level + 1 + logger + 1;
        this.message = Math.max(1, width - messageColumn);
    }

    String time(LogEntry e) {
        return time.format(Instant.ofEpochMilli(Math.round(e.created() * 1000)));
    }

    String source(LogEntry e) {
        return tail(e.source(), source);
    }

    String level(LogEntry e) {
        String name = e.levelName();
        if (!narrow) {
            return name;
        }
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "WARNING" -> "WARN";
            case "CRITICAL" -> "CRIT";
            default -> name;
        };
    }

    String logger(LogEntry e) {
        String name = e.logger().isEmpty() ? "root" : e.logger();
        if (name.length() > 4 * logger) {
            name = name.substring(name.length() - 4 * logger); // only the end is shown; spare the rest the sanitizer
        }
        return tail(Sanitizer.line(name), logger);
    }

    /** The message on one row: newlines become a visible mark, everything from {@code offset}. */
    String oneLine(LogEntry e, int offset) {
        String s = Sanitizer.line(shown(e.message())) + cutMark(e.message());
        return offset >= s.length() ? "" : s.substring(offset);
    }

    /** The message wrapped to the message column: each of its lines, cut into pieces that fit. */
    List<String> wrapped(LogEntry e) {
        List<String> rows = new ArrayList<>();
        for (String line : shown(e.message()).split("\n", -1)) {
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
        String mark = cutMark(e.message());
        if (!mark.isEmpty()) {
            rows.add(mark.strip());
        }
        return rows;
    }

    /** The part of a message the pane shows: all of it, or its first {@link #MAX_SHOWN} characters. */
    static String shown(String message) {
        if (message.length() <= MAX_SHOWN) {
            return message;
        }
        int end = Character.isHighSurrogate(message.charAt(MAX_SHOWN - 1)) ? MAX_SHOWN - 1 : MAX_SHOWN;
        return message.substring(0, end);
    }

    /** What is left out of a long message, said after the part shown; "" for one shown whole. */
    static String cutMark(String message) {
        int left = message.length() - shown(message).length();
        return left == 0 ? "" : String.format(Locale.ROOT, " \u2026 [%,d more characters: Enter shows the whole record]", left);
    }

    /** The end of {@code s} in {@code cells} columns: dotted names differ at their end. */
    static String tail(String s, int cells) {
        if (s.length() <= cells) {
            return s;
        }
        return cells <= 1 ? s.substring(s.length() - cells) : "\u2026" + s.substring(s.length() - cells + 1);
    }
}

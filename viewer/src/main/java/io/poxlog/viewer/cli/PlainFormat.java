package io.poxlog.viewer.cli;

import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.Sanitizer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How {@code --plain} writes a record: POX's {@code LEVELNAME|logger|message}, after {@code
 * source|} when following several controllers and after the record's time with {@code
 * --timestamps}. By default a record is one line, so that {@code grep} and {@code wc -l} count
 * records: the newlines of a message (a stack trace's, most often) are shown as {@value
 * #NEWLINE_MARK}, as the terminal UI shows them. With {@code --multiline} a message is printed
 * whole, each line after its first indented by {@value #INDENT}, so that every record still begins
 * at the start of a line and nothing else does.
 *
 * <p>On a terminal every other control character becomes a visible placeholder ({@link
 * Sanitizer}); into a pipe or a file the text goes as received, newlines apart. Immutable;
 * thread-safe.
 */
final class PlainFormat implements RecordFormat {
    /** What a newline inside a message becomes on one line. */
    static final String NEWLINE_MARK = " \u23ce ";
    /** What begins each line of a message after its first, with {@code --multiline}. */
    static final String INDENT = "    ";
    /** The record's time with {@code --timestamps}: local, to the millisecond, with the offset (ISO 8601). */
    static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

    private final boolean showSource;
    private final boolean multiline;
    private final boolean sanitize;
    /** The zone of {@code --timestamps}; null without them. */
    private final ZoneId zone;

    PlainFormat(boolean showSource, boolean multiline, ZoneId timestampZone, boolean sanitize) {
        this.showSource = showSource;
        this.multiline = multiline;
        this.zone = timestampZone;
        this.sanitize = sanitize;
    }

    @Override
    public String format(LogEntry e) {
        StringBuilder head = new StringBuilder(96);
        if (zone != null) {
            long millis = Math.round(e.created() * 1000);
            head.append(TIMESTAMP.format(Instant.ofEpochMilli(millis).atZone(zone))).append('|');
        }
        if (showSource) {
            head.append(e.source()).append('|');
        }
        head.append(e.levelName()).append('|').append(e.logger()).append('|');
        String text = head.append(e.message()).toString();
        if (!multiline) {
            return sanitize ? Sanitizer.line(text) : oneLine(text);
        }
        String[] lines = text.split("\r?\n", -1);
        StringBuilder sb = new StringBuilder(text.length() + lines.length * INDENT.length());
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append('\n').append(INDENT);
            }
            sb.append(sanitize ? Sanitizer.text(lines[i]) : lines[i]); // no newline is left in a line: tabs stay
        }
        return sb.toString();
    }

    /** Newlines (and CRLFs) as {@link #NEWLINE_MARK}; nothing else changed. */
    static String oneLine(String s) {
        if (s.indexOf('\n') < 0) {
            return s;
        }
        return s.replace("\r\n", "\n").replace("\n", NEWLINE_MARK);
    }
}

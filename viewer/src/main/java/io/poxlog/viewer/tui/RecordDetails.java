package io.poxlog.viewer.tui;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.Sanitizer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One record in full: every attribute it came with, its whole message however long (the list
 * cuts it) and its stack trace; the transport's {@code CHANNEL} is left out. UI thread only.
 */
final class RecordDetails {
    /** Shown first, in this order; the rest follow as they came. */
    private static final List<String> FIRST = List.of("seq", "asctime", "levelname", "levelno", "name", "message");
    /** Shown last, line by line. */
    private static final Set<String> LAST = Set.of("exc", "CHANNEL");

    private final List<String> lines = new ArrayList<>();

    private RecordDetails(LogEntry e) {
        if (e.isMarker()) {
            lines.add("The viewer's note on " + e.source());
            lines.add("");
            addText("", e.message());
            return;
        }
        JsonNode raw = e.tree();
        lines.add("Record" + (e.seq() >= 0 ? " " + e.seq() : "") + " from " + e.source());
        lines.add("");
        for (String key : FIRST) {
            if (raw.has(key)) {
                field(key, raw.get(key));
            }
        }
        Iterator<Map.Entry<String, JsonNode>> it = raw.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!FIRST.contains(f.getKey()) && !LAST.contains(f.getKey())) {
                field(f.getKey(), f.getValue());
            }
        }
        JsonNode exc = raw.get("exc");
        if (exc != null && !exc.isNull()) {
            lines.add("");
            lines.add("exc:");
            if (exc.isArray()) {
                exc.forEach(l -> addText("  ", l.asText().stripTrailing())); // lines may end with \n
            } else {
                addText("  ", exc.asText());
            }
        }
    }

    private void field(String key, JsonNode value) {
        String label = Sanitizer.line(key) + ": ";
        if (value.isTextual() && value.asText().contains("\n")) {
            lines.add(label);
            addText("  ", value.asText());
        } else {
            lines.add(label + Sanitizer.line(text(value)));
        }
    }

    /** A value as a person reads it: times as 1764057600.123456, not 1.764057600123456E9. */
    private static String text(JsonNode value) {
        if (value.isTextual()) {
            return value.asText();
        }
        if (value.isFloatingPointNumber()) {
            return value.decimalValue().toPlainString();
        }
        return value.toString();
    }

    private void addText(String indent, String text) {
        for (String l : text.split("\n", -1)) {
            lines.add(indent + Sanitizer.line(l));
        }
    }

    static TextPage page(LogEntry e) {
        return new TextPage(new RecordDetails(e).lines, "record details", "Esc/Enter/q", 'q');
    }
}

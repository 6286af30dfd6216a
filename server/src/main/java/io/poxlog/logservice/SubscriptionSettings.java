package io.poxlog.logservice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.RequestException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one subscription wants (PROTOCOL.md §5.2): a least level, the loggers it listens to, the
 * regular expressions records must and must not match, and how records are encoded. Immutable;
 * {@link #apply} makes the next settings from a message. The filters decide who gets a record,
 * never what its bytes are: subscriptions that differ only in them share one encoding.
 *
 * @param level the least level sent, or null for everything
 * @param subsystems logger names listened to; "" is the root logger, i.e. everything
 * @param grep what a record's logger name or message must match, or null for everything
 * @param exclude what a record's logger name or message must not match, or null for nothing
 * @param format the Python logging format of {@code message}
 * @param dateFormat the strftime format of {@code asctime}, or null for Python's default
 * @param json whether every record carries all its attributes
 */
record SubscriptionSettings(PoxLevel level, List<String> subsystems, RecordPattern grep, RecordPattern exclude,
        String format, String dateFormat, boolean json) {
    static final int MAX_FORMAT_LENGTH = 1024;
    /** Subsystems one subscription listens to: each is compared with every record's logger name. */
    static final int MAX_SUBSYSTEMS = 1000;

    static final SubscriptionSettings DEFAULTS =
            new SubscriptionSettings(null, List.of(""), null, null, RecordEncoding.DEFAULT_FORMAT, null, false);

    /**
     * Whether a record passes this subscription's filters: level, subsystems, then one
     * {@code find} for each of grep and exclude that is set. A pattern past its share of the
     * service thread's time ({@link FilterBudget}) is not run, and the record passes it.
     * Log-service thread.
     */
    boolean accepts(LogRecord r) {
        if (level != null && r.level().number() < level.number()) {
            return false;
        }
        if (!listensTo(r.loggerName())) {
            return false;
        }
        if (grep != null && grep.examine(r) == RecordPattern.Match.NOT_FOUND) {
            return false;
        }
        return exclude == null || exclude.examine(r) != RecordPattern.Match.FOUND;
    }

    /** Whether every record passes: no level, no pattern, and the root logger among the subsystems. */
    boolean acceptsAll() {
        return level == null && grep == null && exclude == null && subsystems.contains("");
    }

    private boolean listensTo(String name) {
        for (String s : subsystems) {
            if (s.isEmpty() || name.equals(s) || (name.startsWith(s) && name.length() > s.length()
                    && name.charAt(s.length()) == '.')) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settings after a message's keys. {@code level} is taken as a filter unless the message
     * injects a record, where it is that record's level (§5.1).
     *
     * @throws RequestException naming the bad key and value; nothing is applied then
     */
    SubscriptionSettings apply(ObjectNode msg) {
        PoxLevel newLevel = level;
        JsonNode l = msg.get("level");
        if (l != null && !msg.has("message")) {
            newLevel = l.isNull() ? null : level(l);
        }
        Set<String> subs = new LinkedHashSet<>(subsystems);
        if (msg.has("subsystems")) {
            subs = new LinkedHashSet<>(names(msg.get("subsystems"), "subsystems"));
        }
        if (msg.has("add_subsystems")) {
            subs.addAll(names(msg.get("add_subsystems"), "add_subsystems"));
        }
        if (msg.has("remove_subsystems")) {
            subs.removeAll(names(msg.get("remove_subsystems"), "remove_subsystems"));
        }
        if (subs.size() > MAX_SUBSYSTEMS) {
            throw new RequestException("the subscription would listen to " + subs.size() + " subsystems; the limit is "
                    + MAX_SUBSYSTEMS);
        }
        RecordPattern newGrep = msg.has("grep") ? pattern(msg.get("grep"), "grep") : grep;
        RecordPattern newExclude = msg.has("exclude") ? pattern(msg.get("exclude"), "exclude") : exclude;
        String newFormat = msg.has("format") ? text(msg.get("format"), "format", RecordEncoding.DEFAULT_FORMAT) : format;
        String newDate = msg.has("dateFormat") ? text(msg.get("dateFormat"), "dateFormat", null) : dateFormat;
        boolean newJson = json;
        JsonNode j = msg.get("json");
        if (j != null) {
            if (!j.isBoolean()) {
                throw new RequestException("'json' must be true or false, not " + Json.preview(j));
            }
            newJson = j.asBoolean();
        }
        return new SubscriptionSettings(newLevel, List.copyOf(subs), newGrep, newExclude, newFormat, newDate, newJson);
    }

    /** Whether the message holds any key that changes these settings. */
    static boolean mentions(ObjectNode msg) {
        return msg.has("subsystems") || msg.has("add_subsystems") || msg.has("remove_subsystems")
                || msg.has("grep") || msg.has("exclude") || msg.has("format") || msg.has("dateFormat") || msg.has("json")
                || (msg.has("level") && !msg.has("message"));
    }

    private static PoxLevel level(JsonNode v) {
        try {
            return PoxLevel.parse(v);
        } catch (IllegalArgumentException e) {
            throw new RequestException("'level': " + e.getMessage());
        }
    }

    /** A grep or exclude: a regex, or null (or "", which every record matches) for none. */
    private static RecordPattern pattern(JsonNode v, String key) {
        if (v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            return null;
        }
        if (!v.isTextual()) {
            throw new RequestException("'" + key + "' must be a regex (a string) or null, not " + Json.preview(v));
        }
        return RecordPattern.compile(key, v.asText());
    }

    private static String text(JsonNode v, String key, String fallback) {
        if (v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw new RequestException("'" + key + "' must be a string, not " + Json.preview(v));
        }
        if (v.asText().length() > MAX_FORMAT_LENGTH) {
            // Formats are applied to every record on the thread that serves everyone: keep them small.
            throw new RequestException("'" + key + "' is " + v.asText().length() + " characters long; the limit is "
                    + MAX_FORMAT_LENGTH);
        }
        return v.asText();
    }

    /** Logger names: a list of strings, where null or "" means the root logger; a lone string is a list of one. */
    private static List<String> names(JsonNode v, String key) {
        List<String> out = new ArrayList<>();
        if (v.isTextual() || v.isNull()) {
            out.add(v.isNull() ? "" : v.asText());
            return out;
        }
        if (!v.isArray()) {
            throw new RequestException("'" + key + "' must be a list of logger names, not " + Json.preview(v));
        }
        for (JsonNode n : v) {
            if (n.isNull()) {
                out.add("");
            } else if (n.isTextual()) {
                out.add(n.asText());
            } else {
                throw new RequestException("'" + key + "' holds " + Json.preview(n) + "; logger names are strings");
            }
        }
        return out;
    }
}

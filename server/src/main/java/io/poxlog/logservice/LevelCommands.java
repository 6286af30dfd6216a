package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.RequestException;
import io.poxlog.messenger.core.Role;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The {@code log} channel commands that act on the controller (PROTOCOL.md §5.1): setLevels,
 * raiseLevels, lowerLevels, injecting a record, and the levels report of {@code get_levels}.
 *
 * <p>{@link #prepare} checks a whole message before anything changes, so a message with one bad
 * level changes nothing. Thread-safe: logback's loggers are.
 */
final class LevelCommands {
    static final String ROOT = "";
    private static final Marker CRITICAL = MarkerFactory.getMarker(LogRecord.CRITICAL_MARKER);
    private static final String EXTERNAL = "<external>";

    private final LoggerContext context;

    LevelCommands(LoggerContext context) {
        this.context = context;
    }

    /** The checked commands of one message, ready to apply. */
    final class Prepared {
        private final List<Runnable> actions = new ArrayList<>();

        boolean any() {
            return !actions.isEmpty();
        }

        void apply() {
            actions.forEach(Runnable::run);
        }
    }

    /**
     * Checks every command in {@code msg}, and that {@code sender} has the right to give it:
     * changing levels and injecting records act on the controller, so they need {@code admin}.
     *
     * @throws RequestException naming the bad part or the missing right
     */
    Prepared prepare(ObjectNode msg, Connection sender) {
        if (msg.has("setLevels") || msg.has("raiseLevels") || msg.has("lowerLevels")) {
            sender.require(Role.ADMIN, "changing log levels");
        }
        if (msg.has("message")) {
            sender.require(Role.ADMIN, "injecting a record");
        }
        Prepared p = new Prepared();
        for (Map.Entry<String, PoxLevel> e : levels(msg, "setLevels")) {
            Logger l = logger(e.getKey());
            Level level = checkSettable(e);
            p.actions.add(() -> l.setLevel(level));
        }
        for (Map.Entry<String, PoxLevel> e : levels(msg, "raiseLevels")) {
            Logger l = logger(e.getKey());
            Level level = checkSettable(e);
            // More verbose only: leave a logger that already logs at that level alone.
            p.actions.add(() -> {
                if (level != null && !l.isEnabledFor(level)) {
                    l.setLevel(level);
                }
            });
        }
        for (Map.Entry<String, PoxLevel> e : levels(msg, "lowerLevels")) {
            Logger l = logger(e.getKey());
            Level level = checkSettable(e);
            // Less verbose only: leave a logger that is already as quiet or quieter alone.
            p.actions.add(() -> {
                if (level != null && l.getEffectiveLevel().toInt() < level.toInt()) {
                    l.setLevel(level);
                }
            });
        }
        JsonNode message = msg.get("message");
        if (message != null) {
            p.actions.add(injection(msg, message));
        }
        return p;
    }

    private Runnable injection(ObjectNode msg, JsonNode message) {
        if (!message.isTextual()) {
            throw new RequestException("'message' must be a string, not " + Json.preview(message));
        }
        PoxLevel level = PoxLevel.DEBUG;
        JsonNode l = msg.get("level");
        if (l != null && !l.isNull()) {
            try {
                level = PoxLevel.parse(l);
            } catch (IllegalArgumentException e) {
                throw new RequestException("'level': " + e.getMessage());
            }
        }
        if (level.logback() == null || level == PoxLevel.OFF || level == PoxLevel.ALL) {
            throw new RequestException("cannot inject a record at level " + level.name());
        }
        JsonNode s = msg.get("subsystem");
        if (s != null && !s.isNull() && !s.isTextual()) {
            throw new RequestException("'subsystem' must be a logger name, not " + Json.preview(s));
        }
        String subsystem = s == null || s.isNull() ? EXTERNAL : s.asText();
        Logger target = subsystem.isEmpty() ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : context.getLogger(subsystem);
        String text = message.asText();
        PoxLevel at = level;
        return () -> {
            switch (at.logback().toInt()) {
                case Level.TRACE_INT -> target.trace(text);
                case Level.DEBUG_INT -> target.debug(text);
                case Level.INFO_INT -> target.info(text);
                case Level.WARN_INT -> target.warn(text);
                default -> {
                    if (at == PoxLevel.CRITICAL) {
                        target.error(CRITICAL, text);
                    } else {
                        target.error(text);
                    }
                }
            }
        };
    }

    /** Every logger the controller knows, with its configured and effective level. */
    ObjectNode levels() {
        ObjectNode levels = Json.object();
        for (Logger l : context.getLoggerList()) {
            ObjectNode entry = levels.putObject(l.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? ROOT : l.getName());
            Level configured = l.getLevel();
            if (configured == null) {
                entry.putNull("configured");
            } else {
                entry.put("configured", PoxLevel.of(configured).name());
            }
            entry.put("effective", PoxLevel.of(l.getEffectiveLevel()).name());
        }
        return levels;
    }

    private Logger logger(String name) {
        if (name.isEmpty() || name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
            return context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        }
        return context.getLogger(name);
    }

    private static Level checkSettable(Map.Entry<String, PoxLevel> e) {
        boolean root = e.getKey().isEmpty() || e.getKey().equals(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (e.getValue().logback() == null && root) {
            throw new RequestException("the root logger cannot be set to NOTSET; give it a level");
        }
        return e.getValue().logback();
    }

    /** A levels value: an object of logger to level, or a single level for the root logger. */
    private static List<Map.Entry<String, PoxLevel>> levels(ObjectNode msg, String key) {
        JsonNode v = msg.get(key);
        List<Map.Entry<String, PoxLevel>> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(Map.entry(e.getKey(), parse(key, e.getKey(), e.getValue())));
            }
        } else {
            out.add(Map.entry(ROOT, parse(key, ROOT, v)));
        }
        return out;
    }

    private static PoxLevel parse(String key, String logger, JsonNode v) {
        try {
            return PoxLevel.parse(v);
        } catch (IllegalArgumentException e) {
            throw new RequestException("'" + key + "' for logger '" + logger + "': " + e.getMessage());
        }
    }
}

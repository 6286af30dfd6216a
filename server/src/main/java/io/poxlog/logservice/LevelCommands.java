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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

/**
 * The {@code log} channel commands that act on the controller (PROTOCOL.md §5.1): setLevels,
 * raiseLevels, lowerLevels, injecting a record, and the levels report of {@code get_levels}.
 *
 * <p>{@link #prepare} checks a whole message before anything changes, so a message with one bad
 * level or one name too many changes nothing: it checks the logger names of all the message's
 * keys ({@link LoggerNames}) and creates no logger; the loggers a message names come into being
 * when it is applied, counted against the budget of remote commands. Nexus thread only (the log
 * bots call it), where that budget is kept; logback's loggers are thread-safe.
 */
final class LevelCommands {
    static final String ROOT = "";
    private static final Marker CRITICAL = MarkerFactory.getMarker(LogRecord.CRITICAL_MARKER);
    private static final String EXTERNAL = "<external>";

    private final LoggerContext context;
    private final LoggerNames names;
    private final LevelsReport report;

    LevelCommands(LoggerContext context, LoggerLimits limits) {
        this.context = context;
        this.names = new LoggerNames(context, limits);
        this.report = new LevelsReport(context, limits.maxLevelsReply());
    }

    /** The checked commands of one message, ready to apply. */
    final class Prepared {
        private final List<Runnable> actions = new ArrayList<>();
        private final Set<String> named = new LinkedHashSet<>();
        private int fresh;

        boolean any() {
            return !actions.isEmpty();
        }

        void apply() {
            names.spent(fresh);
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
        names.checkMessage(msg);
        Prepared p = new Prepared();
        for (Map.Entry<String, PoxLevel> e : levels(msg, "setLevels")) {
            Level level = checkSettable(e);
            String name = e.getKey();
            if (level == null && context.exists(name) == null) {
                // NOTSET for a logger that does not exist: it inherits already, and creating it
                // would spend the budget of remote commands for nothing.
                p.actions.add(() -> { });
                continue;
            }
            p.named.add(name);
            p.actions.add(() -> logger(name).setLevel(level));
        }
        for (Map.Entry<String, PoxLevel> e : levels(msg, "raiseLevels")) {
            Level level = checkSettable(e);
            String name = e.getKey();
            p.named.add(name);
            // More verbose only: leave a logger that already logs at that level alone.
            p.actions.add(() -> {
                Logger l = logger(name);
                if (level != null && !l.isEnabledFor(level)) {
                    l.setLevel(level);
                }
            });
        }
        for (Map.Entry<String, PoxLevel> e : levels(msg, "lowerLevels")) {
            Level level = checkSettable(e);
            String name = e.getKey();
            p.named.add(name);
            // Less verbose only: leave a logger that is already as quiet or quieter alone.
            p.actions.add(() -> {
                Logger l = logger(name);
                if (level != null && l.getEffectiveLevel().toInt() < level.toInt()) {
                    l.setLevel(level);
                }
            });
        }
        JsonNode message = msg.get("message");
        if (message != null) {
            p.actions.add(injection(msg, message, p));
        }
        p.fresh = names.fresh(p.named).size();
        names.checkBudget(p.fresh);
        return p;
    }

    private Runnable injection(ObjectNode msg, JsonNode message, Prepared p) {
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
        names.check("subsystem", subsystem);
        p.named.add(subsystem);
        String text = message.asText();
        PoxLevel at = level;
        return () -> {
            Logger target = logger(subsystem);
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

    /** The reply to {@code get_levels}: see {@link LevelsReport}. */
    ObjectNode levels(ObjectNode request) {
        return report.reply(request);
    }

    private Logger logger(String name) {
        return LoggerNames.isRoot(name) ? context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) : context.getLogger(name);
    }

    private static Level checkSettable(Map.Entry<String, PoxLevel> e) {
        boolean root = LoggerNames.isRoot(e.getKey());
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

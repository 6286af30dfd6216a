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
    private final TimedLevels timed;
    /** Every remote change is timed, at most this long; 0: no cap. */
    private final long maxForMillis;

    /**
     * @param clock the clocks and timer of timed changes: the nexus's, or a test's
     * @param maxForSeconds every remote change is timed, at most this long; 0: no cap
     */
    LevelCommands(LoggerContext context, LoggerLimits limits, LevelClock clock, long maxForSeconds) {
        this.context = context;
        this.names = new LoggerNames(context, limits);
        this.timed = new TimedLevels(context, clock, new LevelAudit(context));
        this.report = new LevelsReport(context, limits.maxLevelsReply(), timed);
        this.maxForMillis = maxForSeconds * 1000;
    }

    private enum Kind { SET, RAISE, LOWER }

    /** One logger's checked change; whether it acts is decided when applied, as the logger is then. */
    private record Change(Kind kind, String name, Level level) {
    }

    /** The checked commands of one message, ready to apply. */
    final class Prepared {
        private final List<Change> changes = new ArrayList<>();
        private final List<Runnable> injections = new ArrayList<>();
        private final Set<String> named = new LinkedHashSet<>();
        private Requester by;
        private int fresh;
        /** How long the changes last; 0: until further notice. */
        private long forMillis;
        /** Whether the message asked for a duration, or the cap gave it one: then it is answered. */
        private boolean timedRequest;
        private boolean capped;

        boolean any() {
            return !changes.isEmpty() || !injections.isEmpty();
        }

        /**
         * Applies the message: levels, then injected records. Returns the reply a timed change
         * gets ({@code levels_timed}, PROTOCOL.md §5.4), or null: an untimed one, POX's, is not
         * answered.
         */
        ObjectNode apply() {
            names.spent(fresh);
            ObjectNode timedOut = timedRequest ? Json.object() : null;
            for (Change c : changes) {
                if (acts(c)) {
                    TimedLevels.Pending p = timed.set(c.name(), c.level(), forMillis, by);
                    if (p != null && timedOut != null) {
                        ObjectNode entry = timedOut.putObject(LoggerNames.isRoot(c.name()) ? ROOT : c.name());
                        LevelsReport.putPending(entry, p);
                    }
                }
            }
            injections.forEach(Runnable::run);
            if (timedOut == null) {
                return null;
            }
            ObjectNode reply = Json.object();
            reply.set("levels_timed", timedOut);
            if (forMillis % 1000 == 0) {
                reply.put("for", forMillis / 1000);
            } else {
                reply.put("for", forMillis / 1000.0);
            }
            reply.put("capped", capped);
            if (capped) {
                reply.put("max_level_for", maxForMillis / 1000);
            }
            return reply;
        }
    }

    /** Whether the change acts on the logger as it is now (raise and lower may leave it alone). */
    private boolean acts(Change c) {
        switch (c.kind()) {
            case SET:
                // NOTSET for a logger that does not exist: it inherits already, and creating it
                // would spend the budget of remote commands for nothing.
                return c.level() != null || LoggerNames.isRoot(c.name()) || context.exists(c.name()) != null;
            case RAISE: {
                // More verbose only: leave a logger that already logs at that level alone.
                return c.level() != null && !logger(c.name()).isEnabledFor(c.level());
            }
            default: {
                // Less verbose only: leave a logger that is already as quiet or quieter alone.
                return c.level() != null && logger(c.name()).getEffectiveLevel().toInt() < c.level().toInt();
            }
        }
    }

    /**
     * Checks every command in {@code msg}, and that {@code sender} has the right to give it:
     * changing levels and injecting records act on the controller, so they need {@code admin}.
     *
     * @throws RequestException naming the bad part or the missing right
     */
    Prepared prepare(ObjectNode msg, Connection sender) {
        boolean levels = msg.has("setLevels") || msg.has("raiseLevels") || msg.has("lowerLevels");
        if (levels) {
            sender.require(Role.ADMIN, "changing log levels");
        }
        if (msg.has("message")) {
            sender.require(Role.ADMIN, "injecting a record");
        }
        names.checkMessage(msg);
        Prepared p = new Prepared();
        p.by = Requester.of(sender);
        long asked = forMillis(msg, levels);
        p.timedRequest = levels && (asked > 0 || maxForMillis > 0);
        p.capped = levels && maxForMillis > 0 && (asked == 0 || asked > maxForMillis);
        p.forMillis = p.capped ? maxForMillis : asked;
        for (Kind kind : Kind.values()) {
            String key = switch (kind) {
                case SET -> "setLevels";
                case RAISE -> "raiseLevels";
                case LOWER -> "lowerLevels";
            };
            for (Map.Entry<String, PoxLevel> e : levels(msg, key)) {
                Level level = checkSettable(e);
                String name = e.getKey();
                if (kind != Kind.RAISE && name.equals(LevelAudit.LOGGER)
                        && (level == null || level.toInt() > Level.INFO_INT)) {
                    throw new RequestException("'" + key + "': the audit logger '" + LevelAudit.LOGGER
                            + "' cannot be turned off remotely (it logs every level change at INFO); "
                            + "it may be set to INFO or more verbose");
                }
                if (kind != Kind.SET || level != null || context.exists(name) != null) {
                    p.named.add(name);
                }
                p.changes.add(new Change(kind, name, level));
            }
        }
        JsonNode message = msg.get("message");
        if (message != null) {
            p.injections.add(injection(msg, message, p));
        }
        p.fresh = names.fresh(p.named).size();
        names.checkBudget(p.fresh);
        return p;
    }

    /**
     * The message's {@code for} in milliseconds, 0 when it has none: a number of seconds, more
     * than 0 and at most {@link TimedLevels#MAX_FOR_SECONDS}, on a message that changes levels.
     */
    private static long forMillis(ObjectNode msg, boolean levels) {
        JsonNode v = msg.get("for");
        if (v == null || v.isNull()) {
            return 0;
        }
        if (!levels) {
            throw new RequestException("'for' times setLevels, raiseLevels and lowerLevels; this message has none");
        }
        if (!v.isNumber() || !(v.asDouble() > 0) || v.asDouble() > TimedLevels.MAX_FOR_SECONDS) {
            throw new RequestException("'for' must be a number of seconds, more than 0 and at most "
                    + TimedLevels.MAX_FOR_SECONDS + " (7 days), not " + Json.preview(v));
        }
        return Math.max(1, Math.round(v.asDouble() * 1000));
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

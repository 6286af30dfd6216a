package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.RequestException;

/**
 * The reply to {@code get_levels} (PROTOCOL.md §5.1, an extension): the controller's loggers with
 * their configured and effective levels, in name order, so that parents come before their
 * children. Bounded, because a controller may have many loggers and the reply is built on the
 * nexus thread: the request may name a {@code prefix} (that logger and those below it) and a
 * {@code limit} (at most {@link LoggerLimits#maxLevelsReply}, also the default); the reply says
 * how many loggers matched in all ({@code total}) and whether it left some out
 * ({@code truncated}). A logger with a pending revert of a timed change also has {@code until}
 * (epoch seconds) and {@code revert_to} (§5.4).
 *
 * <p>Nexus thread only, where the pending reverts are kept ({@link TimedLevels}).
 */
final class LevelsReport {
    private final LoggerContext context;
    private final int maxLimit;
    private final TimedLevels timed;

    LevelsReport(LoggerContext context, int maxLimit, TimedLevels timed) {
        this.context = context;
        this.maxLimit = maxLimit;
        this.timed = timed;
    }

    /** A pending revert as clients are told it: {@code until} (epoch seconds) and {@code revert_to} (null: inherit). */
    static void putPending(ObjectNode entry, TimedLevels.Pending p) {
        entry.put("until", p.untilMillis() / 1000.0);
        if (p.revertTo() == null) {
            entry.putNull("revert_to");
        } else {
            entry.put("revert_to", PoxLevel.of(p.revertTo()).name());
        }
    }

    /**
     * The reply to {@code request}: {@code {"levels": {...}, "total": N, "truncated": false}}.
     *
     * @throws RequestException for a bad {@code prefix} or {@code limit}
     */
    ObjectNode reply(ObjectNode request) {
        String prefix = prefix(request.get("prefix"));
        int limit = limit(request.get("limit"));
        ObjectNode levels = Json.object();
        int total = 0;
        for (Logger l : context.getLoggerList()) {
            String name = l.getName().equals(org.slf4j.Logger.ROOT_LOGGER_NAME) ? LevelCommands.ROOT : l.getName();
            if (!within(name, prefix)) {
                continue;
            }
            if (total++ < limit) {
                ObjectNode entry = levels.putObject(name);
                Level configured = l.getLevel();
                if (configured == null) {
                    entry.putNull("configured");
                } else {
                    entry.put("configured", PoxLevel.of(configured).name());
                }
                entry.put("effective", PoxLevel.of(l.getEffectiveLevel()).name());
                TimedLevels.Pending p = timed.pending(name);
                if (p != null) {
                    putPending(entry, p);
                }
            }
        }
        ObjectNode reply = Json.object();
        reply.set("levels", levels);
        reply.put("total", total);
        reply.put("truncated", total > limit);
        return reply;
    }

    /** The logger {@code prefix} and those below it, as subscriptions' subsystems select them. */
    private static boolean within(String name, String prefix) {
        return prefix.isEmpty() || name.equals(prefix)
                || (name.startsWith(prefix) && name.length() > prefix.length() && name.charAt(prefix.length()) == '.');
    }

    private static String prefix(JsonNode v) {
        if (v == null || v.isNull()) {
            return LevelCommands.ROOT;
        }
        if (!v.isTextual()) {
            throw new RequestException("'prefix' must be a logger name or null, not " + Json.preview(v));
        }
        return v.asText();
    }

    private int limit(JsonNode v) {
        if (v == null || v.isNull()) {
            return maxLimit;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0 || v.asInt() > maxLimit) {
            throw new RequestException("'limit' must be a whole number from 0 to " + maxLimit + ", not "
                    + Json.preview(v));
        }
        return v.asInt();
    }
}

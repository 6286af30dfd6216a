package io.poxlog.logservice;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LoggerNameUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.RequestException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The bounds on the logger names clients send ({@link LoggerLimits}). logback makes a logger of
 * every prefix of a name ({@code a}, {@code a.b}, {@code a.b.c}), keeps them all, and finds a
 * child by a linear search of its parent's children, all on the caller's thread, here the nexus
 * thread: an unbounded name costs memory quadratic in its length, and many new names cost time
 * quadratic in their number. So a name the controller does not have is bounded in length and
 * parts, a message names a bounded number of loggers, and remote commands create a bounded
 * number of loggers in all. A logger the controller has is always fine: naming it creates nothing.
 *
 * <p>Nexus thread only (the log bots call it); the count of created loggers is kept there.
 */
final class LoggerNames {
    /** The keys whose values are logger names. */
    static final List<String> KEYS =
            List.of("setLevels", "raiseLevels", "lowerLevels", "subsystems", "add_subsystems", "remove_subsystems");

    private final LoggerContext context;
    private final LoggerLimits limits;
    private int created;

    LoggerNames(LoggerContext context, LoggerLimits limits) {
        this.context = context;
        this.limits = limits;
    }

    /**
     * Checks the logger names of a message before anything is parsed further: how many it names
     * in all, and that each is within bounds. Values of the wrong type are left to the parsers of
     * those keys, which word the error.
     *
     * @throws RequestException naming the limit and the number
     */
    void checkMessage(ObjectNode msg) {
        int names = 0;
        for (String key : KEYS) {
            JsonNode v = msg.get(key);
            if (v != null) {
                names += v.isContainerNode() ? v.size() : 1;
            }
        }
        if (names > limits.maxNamesPerMessage()) {
            throw new RequestException("the message names " + names + " loggers; the limit is "
                    + limits.maxNamesPerMessage() + " per message (setLevels, raiseLevels, lowerLevels, subsystems, "
                    + "add_subsystems and remove_subsystems together)");
        }
        for (String key : KEYS) {
            JsonNode v = msg.get(key);
            if (v == null) {
                continue;
            }
            if (v.isObject()) {
                v.fieldNames().forEachRemaining(name -> check(key, name));
            } else if (v.isArray()) {
                for (JsonNode n : v) {
                    if (n.isTextual()) {
                        check(key, n.asText());
                    }
                }
            } else if (v.isTextual() && !key.endsWith("Levels")) {
                // A lone string is a level for setLevels and friends, a logger name for subsystems.
                check(key, v.asText());
            }
        }
    }

    /**
     * Checks one name a client gives under {@code key}: at most the limits' length and parts,
     * unless the controller has that logger already.
     */
    void check(String key, String name) {
        if (name.length() <= limits.maxNameLength() && parts(name) <= limits.maxNameParts()) {
            return;
        }
        if (context.exists(name) != null) {
            return;
        }
        if (name.length() > limits.maxNameLength()) {
            throw new RequestException("'" + key + "': logger name '" + preview(name) + "' is " + name.length()
                    + " characters long; the limit is " + limits.maxNameLength());
        }
        throw new RequestException("'" + key + "': logger name '" + preview(name) + "' has " + parts(name)
                + " parts; the limit is " + limits.maxNameParts() + " (parts are separated by '.' or '$')");
    }

    /**
     * The loggers that naming {@code names} would create: each name and every prefix logback makes
     * of it that the controller does not have yet.
     */
    Set<String> fresh(Collection<String> names) {
        Set<String> fresh = new LinkedHashSet<>();
        for (String name : names) {
            if (isRoot(name) || context.exists(name) != null) {
                continue;
            }
            int from = 0;
            while (true) {
                int i = LoggerNameUtil.getSeparatorIndexOf(name, from);
                String prefix = i < 0 ? name : name.substring(0, i);
                if (context.exists(prefix) == null) {
                    fresh.add(prefix);
                }
                if (i < 0) {
                    break;
                }
                from = i + 1;
            }
        }
        return fresh;
    }

    /** Refuses a message that would create {@code n} loggers past the budget of remote commands. */
    void checkBudget(int n) {
        if (n > 0 && n > limits.maxCreatedLoggers() - created) {
            throw new RequestException("this message would create " + n + " new logger" + (n == 1 ? "" : "s")
                    + "; remote commands may create " + limits.maxCreatedLoggers() + " in all, and have created "
                    + created + " (name loggers the controller has)");
        }
    }

    /** Counts loggers a checked message created. */
    void spent(int n) {
        created += n;
    }

    /** Loggers remote commands have created since the service started. */
    int created() {
        return created;
    }

    static boolean isRoot(String name) {
        return name.isEmpty() || name.equalsIgnoreCase(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    private static int parts(String name) {
        int parts = 1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '.' || c == '$') {
                parts++;
            }
        }
        return parts;
    }

    private static String preview(String name) {
        return name.length() > 64 ? name.substring(0, 61) + "..." : name;
    }
}

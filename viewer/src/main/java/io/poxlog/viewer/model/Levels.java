package io.poxlog.viewer.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Locale;
import java.util.Set;

/** Level names and numbers as the viewer accepts them on its command line and in its commands. */
public final class Levels {
    /** A logger's level when it inherits its parent's, in POX and in logback. */
    public static final String NOTSET = "NOTSET";
    private static final Set<String> POX_NAMES = Set.of("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL", NOTSET);

    private Levels() {
    }

    /** The level number of a POX or logback level name or a number; IllegalArgumentException otherwise. */
    public static int number(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        int n = ofName(t);
        if (n >= 0) {
            return n;
        }
        if (!t.isEmpty() && t.length() < 4 && t.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(t);
        }
        throw new IllegalArgumentException("unknown level '" + text + "' (use TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or a number)");
    }

    /** The number of a level name exactly as POX or logback writes it (upper case), or -1. */
    public static int ofName(String name) {
        switch (name) {
            case "TRACE": return 5;
            case "DEBUG": return 10;
            case "INFO": return 20;
            case "WARN":
            case "WARNING": return 30;
            case "ERROR": return 40;
            case "CRITICAL":
            case "FATAL": return 50;
            default: return -1;
        }
    }

    /** Whether the user asked for a logger to inherit its parent's level ("default" or NOTSET). */
    public static boolean meansInherit(String given) {
        return given.equalsIgnoreCase("default") || given.equalsIgnoreCase(NOTSET);
    }

    /** A level as the viewer reports it back: NOTSET reads "default". */
    public static String describe(String level) {
        return level.equals(NOTSET) ? "default" : level;
    }

    /** A level change as the viewer reports it: "root to WARNING", "openflow to default". */
    public static String describe(String logger, String level) {
        return (logger.isEmpty() ? "root" : logger) + " to " + describe(level);
    }

    /** The canonical name to send for a level given by the user (WARN becomes WARNING). */
    public static String canonical(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        if (t.equals("WARN")) {
            return "WARNING";
        }
        if (t.equals("FATAL")) {
            return "CRITICAL";
        }
        number(t);
        return t;
    }

    /**
     * A level as a POX controller accepts it in {@code setLevels}: its own names as text, anything
     * else (TRACE, 15) as a number. Python's logging refuses the text "TRACE" or "15" with an
     * error that makes POX stop reading the connection; a number it takes, and so do ours.
     */
    public static JsonNode wire(String level) {
        String c = level.equalsIgnoreCase(NOTSET) ? NOTSET : canonical(level);
        return POX_NAMES.contains(c) ? TextNode.valueOf(c) : IntNode.valueOf(number(c));
    }
}

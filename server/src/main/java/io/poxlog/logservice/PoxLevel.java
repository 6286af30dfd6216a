package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A log level as the POX protocol names it, and its logback counterpart (PROTOCOL.md §5.1).
 *
 * <p>Accepted: POX names (DEBUG, INFO, WARNING, ERROR, CRITICAL), numbers (5, 10, 20, 30, 40,
 * 50, or any number in between, which means the next level up, as in Python), logback names
 * (TRACE, WARN, ALL, OFF, FATAL), and NOTSET / 0, which for a logger means "inherit from the
 * parent". Case does not matter. Anything else is refused with a message that quotes it.
 *
 * @param name the POX level name ({@code levelname}), e.g. WARNING
 * @param number the POX level number ({@code levelno}), e.g. 30
 * @param logback the logback level, or {@code null} for NOTSET
 */
public record PoxLevel(String name, int number, Level logback) {
    public static final PoxLevel NOTSET = new PoxLevel("NOTSET", 0, null);
    public static final PoxLevel TRACE = new PoxLevel("TRACE", 5, Level.TRACE);
    public static final PoxLevel DEBUG = new PoxLevel("DEBUG", 10, Level.DEBUG);
    public static final PoxLevel INFO = new PoxLevel("INFO", 20, Level.INFO);
    public static final PoxLevel WARNING = new PoxLevel("WARNING", 30, Level.WARN);
    public static final PoxLevel ERROR = new PoxLevel("ERROR", 40, Level.ERROR);
    /** logback has nothing above ERROR: a logger set to CRITICAL is set to ERROR. */
    public static final PoxLevel CRITICAL = new PoxLevel("CRITICAL", 50, Level.ERROR);
    public static final PoxLevel ALL = new PoxLevel("ALL", 0, Level.ALL);
    public static final PoxLevel OFF = new PoxLevel("OFF", 100, Level.OFF);

    /** Parses a level from a JSON value: a string or a number. */
    public static PoxLevel parse(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a level is needed (DEBUG, INFO, WARNING, ERROR, CRITICAL or a number)");
        }
        if (value.isIntegralNumber()) {
            return ofNumber(value.asLong());
        }
        if (value.isTextual()) {
            return parse(value.asText());
        }
        throw new IllegalArgumentException("unknown level " + value
                + " (use DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE or a number)");
    }

    /** Parses a level from text: a name or a number. */
    public static PoxLevel parse(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "TRACE": return TRACE;
            case "DEBUG": return DEBUG;
            case "INFO": return INFO;
            case "WARN":
            case "WARNING": return WARNING;
            case "ERROR": return ERROR;
            case "CRITICAL":
            case "FATAL": return CRITICAL;
            case "ALL": return ALL;
            case "OFF": return OFF;
            case "NOTSET": return NOTSET;
            default:
                if (!t.isEmpty() && t.chars().allMatch(Character::isDigit) && t.length() < 10) {
                    return ofNumber(Long.parseLong(t));
                }
                throw new IllegalArgumentException("unknown level '" + text
                        + "' (use DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE or a number)");
        }
    }

    /** A number means the least named level at or above it, as Python's levels do. */
    public static PoxLevel ofNumber(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("unknown level " + n + " (levels are 0 and up)");
        }
        if (n == 0) {
            return NOTSET;
        }
        if (n <= 5) {
            return TRACE;
        }
        if (n <= 10) {
            return DEBUG;
        }
        if (n <= 20) {
            return INFO;
        }
        if (n <= 30) {
            return WARNING;
        }
        if (n <= 40) {
            return ERROR;
        }
        if (n <= 50) {
            return CRITICAL;
        }
        return OFF;
    }

    /** The POX level of a logback level: TRACE, DEBUG, INFO, WARNING, ERROR. */
    public static PoxLevel of(Level level) {
        switch (level.toInt()) {
            case Level.TRACE_INT: return TRACE;
            case Level.DEBUG_INT: return DEBUG;
            case Level.INFO_INT: return INFO;
            case Level.WARN_INT: return WARNING;
            case Level.ERROR_INT: return ERROR;
            case Level.ALL_INT: return ALL;
            default: return OFF;
        }
    }
}

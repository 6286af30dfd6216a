package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A log level as the POX protocol names it, and its logback counterpart (PROTOCOL.md §5.1).
 *
 * <p>Accepted: POX names (DEBUG, INFO, WARNING, ERROR, CRITICAL), logback names (TRACE, WARN,
 * ALL, OFF, FATAL), NOTSET, which for a logger means "inherit from the parent", and the whole
 * numbers 0 to 50, as a JSON number or as text: 0 is NOTSET, 5 TRACE, 10 DEBUG ... 50 CRITICAL,
 * and a number between two named levels means the next one up (15 is INFO), because a Python
 * logger set to 15 logs INFO and above but not DEBUG. Case does not matter. Anything else is
 * refused with a message that quotes it and names the accepted forms: numbers above 50 too,
 * which would otherwise mean OFF, so that one stray number silenced the whole controller.
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

    /** The highest level number accepted: CRITICAL. */
    public static final int MAX_NUMBER = 50;
    static final String ACCEPTED = "(use DEBUG, INFO, WARNING, ERROR, CRITICAL, TRACE, WARN, ALL, OFF, NOTSET "
            + "or a whole number from 0 to " + MAX_NUMBER + ")";

    /** Parses a level from a JSON value: a string or a whole number. */
    public static PoxLevel parse(JsonNode value) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("a level is needed " + ACCEPTED);
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return ofNumber(value.asLong());
        }
        if (value.isTextual()) {
            return parse(value.asText());
        }
        throw new IllegalArgumentException("unknown level " + preview(value.toString()) + " " + ACCEPTED);
    }

    /** Parses a level from text: a name or a whole number. */
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
                if (!t.isEmpty() && t.length() < 10 && t.chars().allMatch(c -> c >= '0' && c <= '9')
                        && Integer.parseInt(t) <= MAX_NUMBER) {
                    return ofNumber(Integer.parseInt(t));
                }
                throw new IllegalArgumentException("unknown level '" + preview(text) + "' " + ACCEPTED);
        }
    }

    /**
     * A number from 0 to 50 means the least named level at or above it, as Python's levels do:
     * 0 is NOTSET, 1 to 5 TRACE, 6 to 10 DEBUG, ..., 41 to 50 CRITICAL.
     */
    public static PoxLevel ofNumber(long n) {
        if (n < 0 || n > MAX_NUMBER) {
            throw new IllegalArgumentException("unknown level " + n + " " + ACCEPTED);
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
        return CRITICAL;
    }

    private static String preview(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
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

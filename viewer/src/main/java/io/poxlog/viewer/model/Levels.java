package io.poxlog.viewer.model;

import java.util.List;
import java.util.Locale;

/** Level names and numbers as the viewer accepts them on its command line and in its commands. */
public final class Levels {
    public static final List<String> NAMES = List.of("TRACE", "DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL");

    private Levels() {
    }

    /** The level number of a POX or logback level name or a number; IllegalArgumentException otherwise. */
    public static int number(String text) {
        String t = text.trim().toUpperCase(Locale.ROOT);
        switch (t) {
            case "TRACE": return 5;
            case "DEBUG": return 10;
            case "INFO": return 20;
            case "WARN":
            case "WARNING": return 30;
            case "ERROR": return 40;
            case "CRITICAL":
            case "FATAL": return 50;
            default:
                if (!t.isEmpty() && t.length() < 4 && t.chars().allMatch(Character::isDigit)) {
                    return Integer.parseInt(t);
                }
                throw new IllegalArgumentException("unknown level '" + text + "' (use TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL or a number)");
        }
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
}

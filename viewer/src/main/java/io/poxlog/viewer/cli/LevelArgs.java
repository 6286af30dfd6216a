package io.poxlog.viewer.cli;

import io.poxlog.viewer.model.LevelDurations;
import io.poxlog.viewer.model.Levels;
import java.util.Locale;

/**
 * Logger names and levels as {@code pox-log}'s arguments take them (issue 11, item 9). A level is
 * a POX or logback name or a number, or {@code default} (or {@code NOTSET}): inherit the parent's
 * level again. The root logger is named explicitly, {@code root} (as logback and Python both call
 * it) or {@code ""} (the two quote characters, quoted for the shell: {@code '""'}); an empty name,
 * which is what {@code =DEBUG} or an unquoted {@code ""=DEBUG} leaves, is refused rather than
 * taken for the root. The root cannot inherit: it has no parent. Stateless.
 */
final class LevelArgs {
    /** The names of the root logger the command line takes; on the wire it is {@code ""}. */
    static final String ROOT = "root";
    private static final String QUOTED_EMPTY = "\"\"";

    private LevelArgs() {
    }

    /** The logger's name on the wire ({@code ""} for the root). @throws IllegalArgumentException for an empty name */
    static String logger(String given) {
        String name = given.trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an empty logger name; the root logger is 'root' (or '\"\"', quoted)");
        }
        return name.equalsIgnoreCase(ROOT) || name.equals(QUOTED_EMPTY) || name.equals("''") ? "" : name;
    }

    /** The level to send: its canonical name, or {@link Levels#NOTSET} for default/NOTSET. @throws IllegalArgumentException */
    static String level(String given) {
        if (Levels.meansInherit(given.trim())) {
            return Levels.NOTSET;
        }
        try {
            String c = Levels.canonical(given);
            if (Character.isDigit(c.charAt(0)) && Integer.parseInt(c) > 50) {
                throw new IllegalArgumentException("level " + c + " is above 50 (CRITICAL), the highest a controller takes");
            }
            return c;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unknown level '" + given + "'");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace(" or a number)", ", a number, or default to inherit)"));
        }
    }

    /** A level for logger {@code name} (on the wire), refusing what the root cannot take. */
    static String levelFor(String name, String given) {
        String level = level(given);
        if (name.isEmpty() && level.equals(Levels.NOTSET)) {
            throw new IllegalArgumentException("the root logger cannot inherit (it has no parent): give it a level");
        }
        return level;
    }

    /** A least level to show: a level, or default/NOTSET for every level (0). */
    static int minLevel(String given) {
        String t = given.trim().toUpperCase(Locale.ROOT);
        return Levels.meansInherit(t) ? 0 : Levels.number(level(t));
    }

    /**
     * A timed change's duration in seconds: {@code 90s}, {@code 5m}, {@code 1h}, {@code 1h30m}
     * (and {@code d} for days), more than 0 and at most 7 days, what a controller takes
     * ({@link LevelDurations#parse}). @throws IllegalArgumentException saying what it takes
     */
    static long duration(String given) {
        return LevelDurations.parse(given);
    }

    /** Time left, as the level commands show it: {@code 4m59s}, {@code 1h0m5s}, {@code 42s}. */
    static String left(long seconds) {
        return LevelDurations.left(seconds);
    }

    /** A logger as the viewer names it back: {@code root} for the root. */
    static String describe(String name) {
        return name.isEmpty() ? ROOT : name;
    }
}

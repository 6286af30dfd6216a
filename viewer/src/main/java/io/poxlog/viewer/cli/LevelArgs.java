package io.poxlog.viewer.cli;

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
    /** The longest timed change a controller takes (PROTOCOL.md §5.4): a week. */
    static final long MAX_FOR_SECONDS = 7 * 24 * 3600;
    private static final java.util.regex.Pattern DURATION =
            java.util.regex.Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

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
     * (and {@code d} for days), more than 0 and at most {@link #MAX_FOR_SECONDS}, what a
     * controller takes. @throws IllegalArgumentException saying what it takes
     */
    static long duration(String given) {
        String t = given.trim();
        java.util.regex.Matcher m = DURATION.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + given + "' is not a duration: give one such as 90s, 5m, 1h or 1h30m");
        }
        long seconds = 0;
        long[] unit = {86400, 3600, 60, 1};
        for (int i = 0; i < 4; i++) {
            if (m.group(i + 1) != null) {
                long n = m.group(i + 1).length() > 9 ? Long.MAX_VALUE / 2 : Long.parseLong(m.group(i + 1));
                seconds = Math.min(Long.MAX_VALUE / 2, seconds + Math.min(Long.MAX_VALUE / 2 / unit[i], n) * unit[i]);
            }
        }
        if (seconds == 0) {
            throw new IllegalArgumentException("'" + given + "' is no time at all: a timed change lasts more than 0 s");
        }
        if (seconds > MAX_FOR_SECONDS) {
            throw new IllegalArgumentException("'" + given + "' is longer than 7 days (" + MAX_FOR_SECONDS
                    + " s), the most a controller takes");
        }
        return seconds;
    }

    /** Time left, as the level commands show it: {@code 4m59s}, {@code 1h0m5s}, {@code 42s}. */
    static String left(long seconds) {
        long s = Math.max(0, seconds);
        if (s >= 3600) {
            return s / 3600 + "h" + s % 3600 / 60 + "m" + s % 60 + "s";
        }
        return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }

    /** A logger as the viewer names it back: {@code root} for the root. */
    static String describe(String name) {
        return name.isEmpty() ? ROOT : name;
    }
}

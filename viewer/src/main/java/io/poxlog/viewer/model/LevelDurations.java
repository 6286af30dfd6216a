package io.poxlog.viewer.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations of timed level changes (issue 15, PROTOCOL.md §5.4) as operators write them, for
 * pox-log's {@code --for} and the terminal UI's {@code :level LOGGER LEVEL 5m}: {@code 90s},
 * {@code 5m}, {@code 1h}, {@code 1h30m}, {@code 1d}; and the time left of a timed level as the
 * viewer shows it ({@code 4m59s}). Stateless.
 */
public final class LevelDurations {
    /** The longest timed change a controller takes: a week. */
    public static final long MAX_SECONDS = 7 * 24 * 3600;
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private LevelDurations() {
    }

    /**
     * Seconds, more than 0 and at most {@link #MAX_SECONDS}.
     *
     * @throws IllegalArgumentException saying what it takes
     */
    public static long parse(String given) {
        String t = given.trim();
        Matcher m = DURATION.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("'" + given + "' is not a duration: give one such as 90s, 5m, 1h or 1h30m");
        }
        long seconds = 0;
        long[] unit = {86400, 3600, 60, 1};
        for (int i = 0; i < 4; i++) {
            if (m.group(i + 1) != null) {
                // Past 9 digits any unit is past the bound: no overflow to care about.
                long n = m.group(i + 1).length() > 9 ? MAX_SECONDS + 1 : Long.parseLong(m.group(i + 1));
                seconds = Math.min(MAX_SECONDS + 1, seconds + Math.min(MAX_SECONDS + 1, n * unit[i]));
            }
        }
        if (seconds == 0) {
            throw new IllegalArgumentException("'" + given + "' is no time at all: a timed change lasts more than 0 s");
        }
        if (seconds > MAX_SECONDS) {
            throw new IllegalArgumentException("'" + given + "' is longer than 7 days (" + MAX_SECONDS
                    + " s), the most a controller takes");
        }
        return seconds;
    }

    /** Time left: {@code 4m59s}, {@code 1h0m5s}, {@code 42s}; 0 or less is {@code 0s}. */
    public static String left(long seconds) {
        long s = Math.max(0, seconds);
        if (s >= 3600) {
            return s / 3600 + "h" + s % 3600 / 60 + "m" + s % 60 + "s";
        }
        return s >= 60 ? s / 60 + "m" + s % 60 + "s" : s + "s";
    }

    /** Time left until {@code until} (epoch seconds, the controller's clock) from {@code now}, rounded up. */
    public static String left(double until, double now) {
        return left((long) Math.ceil(until - now));
    }
}

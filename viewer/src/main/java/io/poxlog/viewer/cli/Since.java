package io.poxlog.viewer.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --since}: how far back the records shown begin, as {@code kubectl logs --since} and
 * {@code journalctl --since} take it: a duration back from now ({@code 90s}, {@code 10m}, {@code
 * 2h}, {@code 1d}, {@code 1h30m}) or a time ({@code 2026-11-25T07:00}, local; with an offset or
 * {@code Z} as given). The controller has no time-based resume: the viewer asks for what it
 * retains and leaves out records whose {@code created} (the controller's clock) is earlier.
 * Stateless.
 */
final class Since {
    private static final Pattern DURATION = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Since() {
    }

    /** The cut-off, in seconds since the epoch. @throws IllegalArgumentException saying what it takes */
    static double parse(String given, Instant now, ZoneId zone) {
        String t = given.trim();
        Matcher m = DURATION.matcher(t);
        if (!t.isEmpty() && m.matches()) {
            Duration d = Duration.ZERO;
            long[] unit = {86400, 3600, 60, 1};
            for (int i = 0; i < 4; i++) {
                if (m.group(i + 1) != null) {
                    try {
                        d = d.plusSeconds(Math.multiplyExact(Long.parseLong(m.group(i + 1)), unit[i]));
                    } catch (ArithmeticException | NumberFormatException e) {
                        throw new IllegalArgumentException("'" + given + "' is too long ago");
                    }
                }
            }
            return now.minus(d).toEpochMilli() / 1000.0;
        }
        try {
            return OffsetDateTime.parse(t).toInstant().toEpochMilli() / 1000.0;
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant().toEpochMilli() / 1000.0;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + given + "' is neither a duration (90s, 10m, 2h, 1d, 1h30m) "
                        + "nor a time (2026-11-25T07:00, local, or with an offset)");
            }
        }
    }
}

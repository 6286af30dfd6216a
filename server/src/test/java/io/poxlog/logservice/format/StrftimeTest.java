package io.poxlog.logservice.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Expected strings in {@link #glibc()} were produced by CPython 3.11 on Linux with
 * {@code TZ=<zone> time.strftime(pattern, time.localtime(millis // 1000))}.
 */
class StrftimeTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 2023-11-14 22:13:20.123 UTC, 23:13:20.123 in Berlin (CET). */
    private static final long T = 1_700_000_000_123L;

    @ParameterizedTest(name = "{0} {1} \"{2}\" -> \"{3}\"")
    @MethodSource("glibc")
    void matchesPythonTimeStrftime(String zone, long epochMillis, String pattern, String expected) {
        assertThat(Strftime.compile(pattern).format(epochMillis, ZoneId.of(zone))).isEqualTo(expected);
    }

    @Test
    void microsecondsComeFromTheMillis() {
        Strftime s = Strftime.compile("%H:%M:%S.%f");
        assertThat(s.format(T, UTC)).isEqualTo("22:13:20.123000");
        assertThat(s.format(T - 123, UTC)).isEqualTo("22:13:20.000000");
        assertThat(s.format(T + 876, UTC)).isEqualTo("22:13:20.999000");
        assertThat(s.format(T + 877, UTC)).isEqualTo("22:13:21.000000");
        // Before the epoch the fraction still counts up from the (earlier) whole second.
        assertThat(s.format(-1, UTC)).isEqualTo("23:59:59.999000");
        assertThat(Strftime.compile("%f|%f%%f").format(T + 7, UTC)).isEqualTo("130000|130000%f");
        // Only a bare %f is datetime's extension; flagged forms go to glibc, which keeps them.
        assertThat(Strftime.compile("%-f %_f").format(T, UTC)).isEqualTo("%-f %_f");
    }

    @Test
    void cacheGivesCorrectResultsAcrossSecondBoundaries() {
        Strftime s = Strftime.compile("%Y-%m-%d %H:%M:%S");
        long second = 1_700_000_000_000L;
        assertThat(s.format(second - 1, UTC)).isEqualTo("2023-11-14 22:13:19");
        assertThat(s.format(second, UTC)).isEqualTo("2023-11-14 22:13:20");
        assertThat(s.format(second + 999, UTC)).isEqualTo("2023-11-14 22:13:20");
        assertThat(s.format(second + 1000, UTC)).isEqualTo("2023-11-14 22:13:21");
        // Going back in time and switching zones must not serve the cached text.
        assertThat(s.format(second - 1, UTC)).isEqualTo("2023-11-14 22:13:19");
        assertThat(s.format(second - 1, BERLIN)).isEqualTo("2023-11-14 23:13:19");
        assertThat(s.format(second - 1, ZoneId.of("Europe/Berlin"))).isEqualTo("2023-11-14 23:13:19");
        assertThat(s.format(second - 1, UTC)).isEqualTo("2023-11-14 22:13:19");
        // Across midnight, a year end and the epoch.
        assertThat(s.format(1_704_067_199_999L, UTC)).isEqualTo("2023-12-31 23:59:59");
        assertThat(s.format(1_704_067_200_000L, UTC)).isEqualTo("2024-01-01 00:00:00");
        assertThat(s.format(-1, UTC)).isEqualTo("1969-12-31 23:59:59");
        assertThat(s.format(0, UTC)).isEqualTo("1970-01-01 00:00:00");
    }

    @Test
    void cachedPatternMatchesFreshInstancesForEveryMillisecondSequence() {
        Strftime cached = Strftime.compile("%F %T.%f %s %Z");
        for (long ms = T - 2_500; ms < T + 2_500; ms += 7) {
            ZoneId zone = (ms / 1000) % 3 == 0 ? BERLIN : UTC;
            assertThat(cached.format(ms, zone)).isEqualTo(Strftime.compile("%F %T.%f %s %Z").format(ms, zone));
        }
    }

    @Test
    void formatToAppendsToTheCallersBuffer() {
        StringBuilder out = new StringBuilder("at ");
        Strftime s = Strftime.compile("%H:%M:%S");
        s.formatTo(out, T, UTC);
        out.append(',');
        s.formatTo(out, T, UTC); // second call comes from the cache
        assertThat(out).hasToString("at 22:13:20,22:13:20");
    }

    @Test
    void zoneAbbreviations() {
        assertThat(Strftime.compile("%Z %z").format(T, ZoneOffset.UTC)).isEqualTo("UTC +0000");
        assertThat(Strftime.compile("%Z %z").format(T, ZoneId.of("Z"))).isEqualTo("UTC +0000");
        assertThat(Strftime.compile("%Z %z").format(T, ZoneId.of("Etc/UTC"))).isEqualTo("UTC +0000");
        assertThat(Strftime.compile("%Z %z").format(T, ZoneId.of("GMT"))).isEqualTo("GMT +0000");
        // Fixed offsets have no tz name; like Python's datetime.timezone(timedelta(hours=1)).tzname().
        assertThat(Strftime.compile("%Z %z").format(T, ZoneOffset.ofHours(1))).isEqualTo("UTC+01:00 +0100");
        assertThat(Strftime.compile("%Z %z").format(T, ZoneOffset.ofHoursMinutes(-3, -30)))
            .isEqualTo("UTC-03:30 -0330");
    }

    @Test
    void percentHandling() {
        assertThat(Strftime.compile("%").format(T, UTC)).isEqualTo("%");
        assertThat(Strftime.compile("100%").format(T, UTC)).isEqualTo("100%");
        assertThat(Strftime.compile("%%").format(T, UTC)).isEqualTo("%");
        assertThat(Strftime.compile("%%Y %%%Y").format(T, UTC)).isEqualTo("%Y %2023");
        assertThat(Strftime.compile("%Q").format(T, UTC)).isEqualTo("%Q");
        assertThat(Strftime.compile("a%-").format(T, UTC)).isEqualTo("a%-");
    }

    @Test
    void sourceIsKept() {
        assertThat(Strftime.compile("%d.%m.%Y").source()).isEqualTo("%d.%m.%Y");
    }

    @Test
    void refusesOnlyWidthsPastTheLimitAndNeverFailsToFormat() {
        Random random = new Random(42);
        String alphabet = "%%%%-_0^#EO123456789YmdHMSfzZcxjpaAbBQ\u00e9 ";
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            StringBuilder p = new StringBuilder();
            for (int j = random.nextInt(12); j > 0; j--) {
                p.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            Strftime s;
            try {
                s = Strftime.compile(p.toString());
            } catch (IllegalArgumentException e) {
                assertThat(e.getMessage()).contains("is larger than the limit of 1000");
                refused++;
                continue;
            }
            long millis = random.nextLong() % 4_000_000_000_000L;
            String text = s.format(millis, BERLIN);
            assertThat((long) text.length()).as(p.toString()).isLessThanOrEqualTo(s.maxLength());
        }
        assertThat(refused).isPositive().isLessThan(500);
    }

    @Test
    void widthsUpToTheLimitWorkAndPastItAreRefusedNamingIt() {
        assertThat(Strftime.compile("%1000Y").format(T, UTC)).hasSize(1000).endsWith("2023");
        assertThatThrownBy(() -> Strftime.compile("%Y %9999Y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("width 9999 at position 4 is larger than the limit of 1000 in dateFormat '%Y %9999Y'");
        assertThatThrownBy(() -> Strftime.compile("%99999999999999999999d"))
                .hasMessageContaining("width 99999999999999999999 at position 1");
    }

    @Test
    void maxLengthBoundsEveryDateInEveryZone() {
        Strftime s = Strftime.compile("%A %B %d %Y %Z %z %s.%f %j %c %%");
        for (String zone : List.of("UTC", "Europe/Berlin", "America/Argentina/ComodRivadavia", "Asia/Kolkata")) {
            for (long ms : new long[] {T, -62_000_000_000_000L, 253_000_000_000_000L, 0}) {
                assertThat((long) s.format(ms, ZoneId.of(zone)).length()).isLessThanOrEqualTo(s.maxLength());
            }
        }
        assertThat(Strftime.compile("%1000Y%500m").maxLength()).isEqualTo(1500);
        assertThat(Strftime.compile("at %H:%M").maxLength()).isEqualTo(10); // an hour is bounded as 3, not 2
    }

    @Test
    void oneInstanceIsSafeToShareAcrossThreads() throws Exception {
        Strftime s = Strftime.compile("%Y-%m-%d %H:%M:%S.%f %z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    ZoneId zone = id % 2 == 0 ? UTC : BERLIN;
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < 20_000; i++) {
                        long ms = T + (long) i * 37 * (id + 1);
                        sb.setLength(0);
                        s.formatTo(sb, ms, zone);
                        String expected = java.time.format.DateTimeFormatter
                            .ofPattern("yyyy-MM-dd HH:mm:ss.SSS'000' xx")
                            .format(java.time.Instant.ofEpochMilli(ms).atZone(zone));
                        if (!sb.toString().equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- CPython/glibc reference data -----------------------------------------------------------

    static Stream<Arguments> glibc() {
        return Stream.of(
            arguments("UTC", 1700000000123L, "%Y-%m-%d %H:%M:%S", "2023-11-14 22:13:20"),
            arguments("Europe/Berlin", 1700000000123L, "%Y-%m-%d %H:%M:%S", "2023-11-14 23:13:20"),
            arguments("Europe/Berlin", 1700000000123L, "%Z %z", "CET +0100"),
            arguments("Europe/Berlin", 1690000000000L, "%Z %z %H:%M", "CEST +0200 06:26"),
            arguments("UTC", 1700000000000L, "%Z %z", "UTC +0000"),
            arguments("America/New_York", 1700000000000L, "%Z %z %c", "EST -0500 Tue Nov 14 17:13:20 2023"),
            arguments("Asia/Kolkata", 1700000000000L, "%Z %z %R", "IST +0530 03:43"),
            arguments("UTC", 1700000000000L, "%c", "Tue Nov 14 22:13:20 2023"),
            arguments("UTC", 1700000000000L, "%x|%X|%D|%F|%T|%R|%r", "11/14/23|22:13:20|11/14/23|2023-11-14|22:13:20|22:13|10:13:20 PM"),
            arguments("UTC", 1700000000000L, "%a %A %b %B %h", "Tue Tuesday Nov November Nov"),
            arguments("UTC", 1700000000000L, "%y %C %e %j %u %w %U %W %V %G %g %s", "23 20 14 318 2 2 46 46 46 2023 23 1700000000"),
            arguments("UTC", 1699920000000L, "%H %I %p %l %k %P", "00 12 AM 12  0 am"),
            arguments("UTC", 1699923599000L, "%H:%M:%S %I %p", "00:59:59 12 AM"),
            arguments("UTC", 1699963199000L, "%H:%M:%S %I %p", "11:59:59 11 AM"),
            arguments("UTC", 1699963200000L, "%H:%M:%S %I %p", "12:00:00 12 PM"),
            arguments("UTC", 1699966799000L, "%H:%M:%S %I %p", "12:59:59 12 PM"),
            arguments("UTC", 1699966800000L, "%H:%M:%S %I %p", "13:00:00 01 PM"),
            arguments("UTC", 1700006399000L, "%H:%M:%S %I %p", "23:59:59 11 PM"),
            arguments("UTC", 1704067200000L, "%j %Y-%m-%d %a", "001 2024-01-01 Mon"),
            arguments("UTC", 1735646400000L, "%j %Y-%m-%d %a", "366 2024-12-31 Tue"),
            arguments("UTC", 1609459200000L, "%j %U %W %V %G %g %u %w", "001 00 00 53 2020 20 5 5"),
            arguments("UTC", 1609718400000L, "%j %U %W %V %G %g %u %w", "004 01 01 01 2021 21 1 1"),
            arguments("Europe/Berlin", 1711846799000L, "%F %T %Z %z", "2024-03-31 01:59:59 CET +0100"),
            arguments("Europe/Berlin", 1711846800000L, "%F %T %Z %z", "2024-03-31 03:00:00 CEST +0200"),
            arguments("Europe/Berlin", 1729990800000L, "%F %T %Z %z", "2024-10-27 02:00:00 CET +0100"),
            arguments("UTC", 1700000000000L, "%e|%-d|%_m|%0e|%-j|%5Y|%^a|%^B|%#p|%#Z|%^c|%-I|%10A|%-10a|%Ey|%Od|%EY", "14|14|11|14|318|02023|TUE|NOVEMBER|pm|utc|TUE NOV 14 22:13:20 2023|10|   Tuesday|       Tue|23|14|2023"),
            arguments("UTC", 1699920000000L, "%e|%-d|%_H|%-H|%3M", "14|14| 0|0|000"),
            arguments("UTC", 1700000000000L, "100%% %Q %-Q %q %i %5 %E %Ef %Ok %+ %", "100% %Q %-Q %q %i   %5 %E %Ef 22 %+ %"),
            arguments("UTC", 1700000000000L, "%n%t|%%|%-%", "\n\t|%|%"),
            arguments("UTC", 1700000000000L, "no directives", "no directives"),
            arguments("UTC", 1700000000000L, "", ""),
            arguments("UTC", -1L, "%Y-%m-%d %H:%M:%S %s", "1969-12-31 23:59:59 -1"),
            arguments("UTC", 0L, "%c %s %j", "Thu Jan  1 00:00:00 1970 0 001"),
            arguments("Europe/London", 1690000000000L, "%Z %z", "BST +0100"),
            arguments("Australia/Sydney", 1700000000000L, "%Z %z %F %T", "AEDT +1100 2023-11-15 09:13:20"),
            arguments("UTC", 4102444800000L, "%F %a %j", "2100-01-01 Fri 001"),
            arguments("UTC", 951782400000L, "%F %a %j", "2000-02-29 Tue 060"));
    }
}

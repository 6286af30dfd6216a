package io.poxlog.logservice.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every expected string below was produced by CPython 3.11 ({@code fmt % {'v': value}}), so these
 * tests pin the Java implementation to Python's behaviour.
 */
class PyLogFormatTest {

    private static final Set<String> RECORD_KEYS = Set.of(
        "name", "levelno", "levelname", "pathname", "filename", "module", "lineno", "funcName",
        "created", "asctime", "msecs", "relativeCreated", "thread", "threadName", "process",
        "message");

    private static String fmt(String format, Object value) {
        return PyLogFormat.compile(format, Set.of("v")).format(k -> value);
    }

    // ---- logging.Formatter-style usage ---------------------------------------------------------

    /** A record as logging.makeLogRecord would hold it; msecs/relativeCreated are floats in Python. */
    private static Map<String, Object> record() {
        Map<String, Object> r = new HashMap<>();
        r.put("name", "openflow.of_01");
        r.put("levelno", 20);
        r.put("levelname", "INFO");
        r.put("message", "[00-00-00-00-00-01 1] connected");
        r.put("asctime", "2023-11-14 22:13:20,123");
        r.put("created", 1700000000.123456);
        r.put("msecs", 7.9);
        r.put("relativeCreated", 12.7);
        r.put("lineno", 42);
        return r;
    }

    @Test
    void formatsTypicalLoggingFormats() {
        Map<String, Object> r = record();
        assertThat(PyLogFormat.compile("%(levelname)s:%(name)s:%(message)s", RECORD_KEYS).format(r::get))
            .isEqualTo("INFO:openflow.of_01:[00-00-00-00-00-01 1] connected");
        assertThat(PyLogFormat.compile("%(asctime)s %(levelname)-8s %(name)s %(message)s", RECORD_KEYS).format(r::get))
            .isEqualTo("2023-11-14 22:13:20,123 INFO     openflow.of_01 [00-00-00-00-00-01 1] connected");
        // python3 -c "import logging; print(logging.Formatter('%(levelno)03d %(msecs)03d
        //   %(relativeCreated)6d %(created).3f %(created)f').format(logging.makeLogRecord({...})))"
        assertThat(PyLogFormat.compile(
                "%(levelno)03d %(msecs)03d %(relativeCreated)6d %(created).3f %(created)f", RECORD_KEYS)
                .format(r::get))
            .isEqualTo("020 007     12 1700000000.123 1700000000.123456");
        assertThat(PyLogFormat.compile("100%% sure %(message)s", RECORD_KEYS).format(r::get))
            .isEqualTo("100% sure [00-00-00-00-00-01 1] connected");
        assertThat(PyLogFormat.compile("%(created)s|%(lineno)s|%(levelno)r", RECORD_KEYS).format(r::get))
            .isEqualTo("1700000000.123456|42|20");
    }

    @Test
    void formatToAppendsToTheCallersBuffer() {
        PyLogFormat f = PyLogFormat.compile("[%(levelname)s]", RECORD_KEYS);
        StringBuilder out = new StringBuilder("prefix ");
        f.formatTo(out, record()::get);
        f.formatTo(out, k -> "WARN");
        assertThat(out).hasToString("prefix [INFO][WARN]");
    }

    @Test
    void literalOnlyAndEmptyFormats() {
        assertThat(PyLogFormat.compile("", RECORD_KEYS).format(k -> "x")).isEmpty();
        assertThat(PyLogFormat.compile("no fields, 50%% off", RECORD_KEYS).format(k -> "x"))
            .isEqualTo("no fields, 50% off");
        assertThat(PyLogFormat.compile("%%%%(name)s", RECORD_KEYS).keys()).isEmpty();
        assertThat(PyLogFormat.compile("%%%%(name)s", RECORD_KEYS).format(k -> "x")).isEqualTo("%%(name)s");
    }

    @Test
    void keysAreThoseUsedInOrderOfFirstUseAndSourceIsKept() {
        String source = "%(message)s %(name)s %(message)-5s %% %(levelno)d";
        PyLogFormat f = PyLogFormat.compile(source, RECORD_KEYS);
        assertThat(f.keys()).containsExactly("message", "name", "levelno");
        assertThat(f.source()).isEqualTo(source);
        assertThatThrownBy(() -> f.keys().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void attributesAreLookedUpOnlyForUsedKeys() {
        List<String> asked = new ArrayList<>();
        PyLogFormat.compile("%(name)s-%(levelno)d", RECORD_KEYS).format(k -> {
            asked.add(k);
            return k.equals("name") ? "n" : 1;
        });
        assertThat(asked).containsExactly("name", "levelno");
    }

    @Test
    void keysMayContainBalancedParenthesesLikeCPython() {
        assertThat(PyLogFormat.compile("%(a(b))s|", Set.of("a(b)")).format(k -> 5)).isEqualTo("5|");
    }

    @Test
    void floatValuesWidenThroughTheirShortestDecimal() {
        // Deliberate: 1.1f means 1.1, not 1.100000023841858 (Python has no 32-bit float).
        assertThat(fmt("%(v)s", 1.1f)).isEqualTo("1.1");
        assertThat(fmt("%(v).2f", 2.675f)).isEqualTo("2.67");
        assertThat(fmt("%(v)d", 7.9f)).isEqualTo("7");
        assertThat(fmt("%(v)s", Float.NaN)).isEqualTo("nan");
    }

    @Test
    void otherNumberAndObjectTypes() {
        assertThat(fmt("%(v)05d", (short) 7)).isEqualTo("00007");
        assertThat(fmt("%(v)x", (byte) -1)).isEqualTo("-1");
        assertThat(fmt("%(v)d", new java.math.BigDecimal("-12.99"))).isEqualTo("-12");
        assertThat(fmt("%(v)s", new java.math.BigDecimal("0.5"))).isEqualTo("0.5");
        assertThat(fmt("%(v)s", List.of(1, 2))).isEqualTo("[1, 2]");
        assertThat(fmt("%(v)c", 'q')).isEqualTo("q");
    }

    // ---- Conversions, compared with CPython ------------------------------------------------------

    @ParameterizedTest(name = "{0} % {1} -> {2}")
    @MethodSource({"strings", "integers", "floats", "reprs"})
    void matchesCPython(String format, Object value, String expected) {
        assertThat(fmt(format, value)).isEqualTo(expected);
    }

    @Test
    void widthAndPrecisionLargerThanPaddingBuffers() {
        assertThat(fmt("%(v)100s", "x")).isEqualTo(" ".repeat(99) + "x");
        assertThat(fmt("%(v)-130d|", 1)).isEqualTo("1" + " ".repeat(129) + "|");
        assertThat(fmt("%(v)0150d", -1)).isEqualTo("-" + "0".repeat(148) + "1");
        assertThat(fmt("%(v).70d", 1)).isEqualTo("0".repeat(69) + "1");
    }

    // ---- Compile errors ------------------------------------------------------------------------------

    @Test
    void rejectsUnknownKeys() {
        assertThatThrownBy(() -> PyLogFormat.compile("%(foo)s", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown key 'foo' in format '%(foo)s'");
    }

    @Test
    void rejectsBadConversionsWithTheirPosition() {
        // CPython: ValueError: unsupported format character 'q' (0x71) at index 7
        assertThatThrownBy(() -> PyLogFormat.compile("ab %(name)q", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("bad conversion 'q' at position 10 in format 'ab %(name)q'");
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)5%", RECORD_KEYS))
            .hasMessage("bad conversion '%' at position 8 in format '%(name)5%'");
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)lld", RECORD_KEYS))
            .hasMessageContaining("bad conversion 'l' at position 8");
    }

    @Test
    void rejectsTruncatedFields() {
        assertThatThrownBy(() -> PyLogFormat.compile("x %(name", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("format ends inside '%(name'");
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)-8", RECORD_KEYS))
            .hasMessage("format ends inside '%(name)-8'");
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)", RECORD_KEYS))
            .hasMessage("format ends inside '%(name)'");
        assertThatThrownBy(() -> PyLogFormat.compile("%(a(b)s", Set.of("a(b")))
            .hasMessage("format ends inside '%(a(b)s'");
    }

    @Test
    void rejectsStrayPercentAtTheEnd() {
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)s %", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("format ends with a lone '%' at position 9 in format '%(name)s %'");
    }

    @Test
    void rejectsFieldsWithoutAKey() {
        assertThatThrownBy(() -> PyLogFormat.compile("%s", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'%s' at position 0 has no (key)");
        assertThatThrownBy(() -> PyLogFormat.compile("ok %(name)s %d", RECORD_KEYS))
            .hasMessageContaining("'%d' at position 12 has no (key)");
        assertThatThrownBy(() -> PyLogFormat.compile("%-5s", RECORD_KEYS))
            .hasMessageContaining("has no (key)");
    }

    @Test
    void rejectsStarWidthAndPrecision() {
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)*s", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("'*' width/precision at position 7 is not supported in format '%(name)*s'");
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)5.*s", RECORD_KEYS))
            .hasMessageContaining("'*' width/precision at position 9");
    }

    @Test
    void rejectsAbsurdWidths() {
        assertThatThrownBy(() -> PyLogFormat.compile("%(name)99999999999s", RECORD_KEYS))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("width too big");
        assertThatThrownBy(() -> PyLogFormat.compile("%(message)575039088s", RECORD_KEYS))
            .hasMessageContaining("width 575039088 at position 10 is larger than the limit of 1000");
        assertThatThrownBy(() -> PyLogFormat.compile("%(created).1001f", RECORD_KEYS))
            .hasMessageContaining("precision 1001 at position 11 is larger than the limit of 1000");
        assertThat(PyLogFormat.compile("%(name)1000s", RECORD_KEYS)).isNotNull();
    }

    @Test
    void maxLengthBoundsWhatTheFormatMakesOfValuesUpToTheGivenLength() {
        PyLogFormat f = PyLogFormat.compile("[%(name)-20s] %(levelno)05d %(created).3f %(message).10s %(message)r",
            RECORD_KEYS);
        // name 20 (its width), levelno 25, created 315, message 5 (under its precision), repr 5 * 10 + 2;
        // literals 6.
        assertThat(f.maxLength(k -> 5)).isEqualTo(20 + 25 + 315 + 5 + 52 + 6);
        assertThat(PyLogFormat.compile("%(message)1000s", RECORD_KEYS).maxLength(k -> 0)).isEqualTo(1000);
        Map<String, Object> r = Map.of("name", "abcde", "levelno", Integer.MIN_VALUE, "created", -1.7e308,
            "message", "\u00e9\u00e9\u00e9\u00e9\u00e9");
        assertThat((long) f.format(r::get).length()).isLessThanOrEqualTo(f.maxLength(k -> 5));
    }

    @Test
    void aBoundedFormatStopsAfterTheFieldThatPassesTheBound() {
        PyLogFormat f = PyLogFormat.compile("%(message)s|".repeat(100), RECORD_KEYS);
        StringBuilder out = new StringBuilder();
        assertThat(f.formatTo(out, k -> "x".repeat(100), 250)).isFalse();
        assertThat(out.length()).isEqualTo(302); // three fields and two bars: the third field passed 250
        out.setLength(0);
        assertThat(f.formatTo(out, k -> "x", 1000)).isTrue();
        assertThat(out.toString()).isEqualTo("x|".repeat(100));
    }

    // ---- Errors at format time, where CPython raises TypeError / ValueError / OverflowError -----------

    @Test
    void typeMismatchesFailLikePython() {
        assertThatThrownBy(() -> fmt("%(v)d", "5")).isInstanceOf(IllegalArgumentException.class)
            .hasMessage("%d format: a real number is required, not str (in '%(v)d')");
        assertThatThrownBy(() -> fmt("%(v)i", null))
            .hasMessageStartingWith("%i format: a real number is required, not NoneType");
        assertThatThrownBy(() -> fmt("%(v)x", 2.0))
            .hasMessageStartingWith("%x format: an integer is required, not float");
        assertThatThrownBy(() -> fmt("%(v)f", null)).hasMessageStartingWith("must be real number, not NoneType");
        assertThatThrownBy(() -> fmt("%(v)e", "1.5")).hasMessageStartingWith("must be real number, not str");
        assertThatThrownBy(() -> fmt("%(v)c", "ab")).hasMessageStartingWith("%c requires int or char");
        assertThatThrownBy(() -> fmt("%(v)c", -1)).hasMessageStartingWith("%c arg not in range(0x110000)");
        assertThatThrownBy(() -> fmt("%(v)c", 0x110000)).hasMessageStartingWith("%c arg not in range(0x110000)");
        assertThatThrownBy(() -> fmt("%(v)d", Double.NaN)).hasMessageStartingWith("cannot convert float NaN to integer");
        assertThatThrownBy(() -> fmt("%(v)d", Double.NEGATIVE_INFINITY))
            .hasMessageStartingWith("cannot convert float infinity to integer");
    }

    // ---- Thread safety -------------------------------------------------------------------------------

    @Test
    void oneInstanceIsSafeToShareAcrossThreads() throws Exception {
        PyLogFormat f = PyLogFormat.compile("%(name)-10s|%(levelno)05d|%(created).3f|%(message)r", RECORD_KEYS);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < 20_000; i++) {
                        int n = id * 100_000 + i;
                        Map<String, Object> r = Map.of("name", "t" + id, "levelno", n,
                            "created", n + 0.25, "message", "m" + i);
                        sb.setLength(0);
                        f.formatTo(sb, r::get);
                        String expected = String.format("%-10s|%05d|%d.250|'m%d'", "t" + id, n, n, i);
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

    // ---- CPython reference data (generated with python3 3.11: fmt % {'v': value}) -----------------------

    static Stream<Arguments> strings() {
        return Stream.of(
            arguments("%(v)s", "hello", "hello"),
            arguments("%(v)-8s|", "ab", "ab      |"),
            arguments("%(v)8s|", "ab", "      ab|"),
            arguments("%(v)05s|", "ab", "   ab|"),
            arguments("%(v).3s|", "abcdef", "abc|"),
            arguments("%(v)-6.2s|", "abcdef", "ab    |"),
            arguments("%(v).0s|", "abc", "|"),
            arguments("%(v).s|", "abc", "|"),
            arguments("%(v)s", null, "None"),
            arguments("%(v)6s|", null, "  None|"),
            arguments("%(v)s", true, "True"),
            arguments("%(v)s", false, "False"),
            arguments("%(v).2s|", "\uD83D\uDE00abc", "\uD83D\uDE00a|"),
            arguments("%(v)5s|", "\uD83D\uDE00", "    \uD83D\uDE00|"),
            arguments("%(v)-4s|", "h\u00E9", "h\u00E9  |"),
            arguments("%(v)r", "abc", "'abc'"),
            arguments("%(v)r", "it's", "\"it's\""),
            arguments("%(v)r", "say \"hi\"", "'say \"hi\"'"),
            arguments("%(v)r", "it's \"q\"", "'it\\'s \"q\"'"),
            arguments("%(v)r", "a\nb\tc\r\\", "'a\\nb\\tc\\r\\\\'"),
            arguments("%(v)r", "\u0000\u001F\u007F\u0080\u00A0\u00E9", "'\\x00\\x1f\\x7f\\x80\\xa0\u00E9'"),
            arguments("%(v)r", "\u200B\u2028\uD83D\uDE00\uE000", "'\\u200b\\u2028\uD83D\uDE00\\ue000'"),
            arguments("%(v)r", 42, "42"),
            arguments("%(v)r", null, "None"),
            arguments("%(v)r", 1.5d, "1.5"),
            arguments("%(v).3r|", "abc", "'ab|"),
            arguments("%(v)10r|", "ab", "      'ab'|"),
            arguments("%(v)a", "h\u00E9\uD83D\uDE00", "'h\\xe9\\U0001f600'"),
            arguments("%(v)a", "plain", "'plain'"),
            arguments("%(v)c", 65, "A"),
            arguments("%(v)c", 128512, "\uD83D\uDE00"),
            arguments("%(v)c", "z", "z"),
            arguments("%(v)3c|", "z", "  z|"),
            arguments("%(v)-3c|", 66, "B  |"),
            arguments("%(v).0c|", "z", "z|"));
    }

    static Stream<Arguments> integers() {
        return Stream.of(
            arguments("%(v)d", 42, "42"),
            arguments("%(v)i", -42, "-42"),
            arguments("%(v)u", -7, "-7"),
            arguments("%(v)03d", 20, "020"),
            arguments("%(v)03d", 7.9d, "007"),
            arguments("%(v)03d", 123.456d, "123"),
            arguments("%(v)6d|", 12345.678d, " 12345|"),
            arguments("%(v)-6d|", 12, "12    |"),
            arguments("%(v)+d", 5, "+5"),
            arguments("%(v) d", 5, " 5"),
            arguments("%(v) d", -5, "-5"),
            arguments("%(v)+ d", 5, "+5"),
            arguments("%(v)0+5d", 5, "+0005"),
            arguments("%(v)0 5d", -5, "-0005"),
            arguments("%(v)-05d|", 5, "5    |"),
            arguments("%(v).3d", -5, "-005"),
            arguments("%(v)05.3d", 5, "00005"),
            arguments("%(v)8.3d|", 5, "     005|"),
            arguments("%(v)ld", 5, "5"),
            arguments("%(v)hd", 5, "5"),
            arguments("%(v)Ld", 5, "5"),
            arguments("%(v)d", -2.7d, "-2"),
            arguments("%(v)d", -0.5d, "0"),
            arguments("%(v)d", 1e+20d, "100000000000000000000"),
            arguments("%(v)d", true, "1"),
            arguments("%(v)d", 9223372036854775807L, "9223372036854775807"),
            arguments("%(v)d", -9223372036854775808L, "-9223372036854775808"),
            arguments("%(v)d", new BigInteger("18446744073709551616"), "18446744073709551616"),
            arguments("%(v)d", new BigInteger("-1180591620717411303424"), "-1180591620717411303424"),
            arguments("%(v)x", 255, "ff"),
            arguments("%(v)X", 255, "FF"),
            arguments("%(v)o", 8, "10"),
            arguments("%(v)#x", 255, "0xff"),
            arguments("%(v)#X", 255, "0XFF"),
            arguments("%(v)#o", 8, "0o10"),
            arguments("%(v)x", -255, "-ff"),
            arguments("%(v)#08x", 255, "0x0000ff"),
            arguments("%(v)#.5x", 255, "0x000ff"),
            arguments("%(v)#010.5x", 255, "0x000000ff"),
            arguments("%(v)-#10o|", 8, "0o10      |"),
            arguments("%(v)x", -9223372036854775808L, "-8000000000000000"),
            arguments("%(v)X", new BigInteger("18446744073709551871"), "100000000000000FF"),
            arguments("%(v)o", -9223372036854775808L, "-1000000000000000000000"));
    }

    static Stream<Arguments> floats() {
        return Stream.of(
            arguments("%(v)f", 1700000000.123456d, "1700000000.123456"),
            arguments("%(v).3f", 1700000000.123456d, "1700000000.123"),
            arguments("%(v)f", 5, "5.000000"),
            arguments("%(v)f", 0.0d, "0.000000"),
            arguments("%(v)f", -0.0d, "-0.000000"),
            arguments("%(v).1f", -0.04d, "-0.0"),
            arguments("%(v).2f", 2.675d, "2.67"),
            arguments("%(v).3f", 0.0005d, "0.001"),
            arguments("%(v).3f", 0.0015d, "0.002"),
            arguments("%(v).0f", 0.5d, "0"),
            arguments("%(v).0f", 1.5d, "2"),
            arguments("%(v).0f", 2.5d, "2"),
            arguments("%(v)#.0f", 2.5d, "2."),
            arguments("%(v)f", 1e+22d, "10000000000000000000000.000000"),
            arguments("%(v).20f", 0.1d, "0.10000000000000000555"),
            arguments("%(v)010.2f", -3.14159d, "-000003.14"),
            arguments("%(v)-+8.2f|", 2.0d, "+2.00   |"),
            arguments("%(v) f", 1.0d, " 1.000000"),
            arguments("%(v)F", 1.5d, "1.500000"),
            arguments("%(v)f", Double.POSITIVE_INFINITY, "inf"),
            arguments("%(v)F", Double.POSITIVE_INFINITY, "INF"),
            arguments("%(v)f", Double.NEGATIVE_INFINITY, "-inf"),
            arguments("%(v)f", Double.NaN, "nan"),
            arguments("%(v)F", Double.NaN, "NAN"),
            arguments("%(v)+f", Double.NaN, "+nan"),
            arguments("%(v)05f|", Double.POSITIVE_INFINITY, "00inf|"),
            arguments("%(v)05.1f|", Double.NEGATIVE_INFINITY, "-0inf|"),
            arguments("%(v)-6f|", Double.NaN, "nan   |"),
            arguments("%(v)e", 0.0d, "0.000000e+00"),
            arguments("%(v)e", 1.5d, "1.500000e+00"),
            arguments("%(v)e", 1e+100d, "1.000000e+100"),
            arguments("%(v)E", -1.5e-300d, "-1.500000E-300"),
            arguments("%(v).0e", 2.5d, "2e+00"),
            arguments("%(v)#.0e", 2.5d, "2.e+00"),
            arguments("%(v)08.3e", -1234.5d, "-1.234e+03"),
            arguments("%(v)e", 5e-324d, "4.940656e-324"),
            arguments("%(v).3e", 9.9996d, "1.000e+01"),
            arguments("%(v)g", 0.0001d, "0.0001"),
            arguments("%(v)g", 1e-05d, "1e-05"),
            arguments("%(v)g", 123456789.0d, "1.23457e+08"),
            arguments("%(v)g", 100000.0d, "100000"),
            arguments("%(v)g", 1000000.0d, "1e+06"),
            arguments("%(v)g", 1e+16d, "1e+16"),
            arguments("%(v)#g", 1.0d, "1.00000"),
            arguments("%(v).0g", 1.5d, "2"),
            arguments("%(v)G", 1e-10d, "1E-10"),
            arguments("%(v).3g", 9.9999d, "10"),
            arguments("%(v)10.4g|", 3.14159d, "     3.142|"),
            arguments("%(v)g", Double.NaN, "nan"),
            arguments("%(v)g", 0.0d, "0"),
            arguments("%(v)#.3g", 0.0d, "0.00"),
            arguments("%(v)g", 1700000000.123456d, "1.7e+09"),
            arguments("%(v).17g", 0.1d, "0.10000000000000001"),
            arguments("%(v)g", 42, "42"));
    }

    static Stream<Arguments> reprs() {
        return Stream.of(
            arguments("%(v)s", 1.5d, "1.5"),
            arguments("%(v)s", 3.0d, "3.0"),
            arguments("%(v)s", 1700000000.123456d, "1700000000.123456"),
            arguments("%(v)s", 1700000000.0d, "1700000000.0"),
            arguments("%(v)s", 0.1d, "0.1"),
            arguments("%(v)s", 0.30000000000000004d, "0.30000000000000004"),
            arguments("%(v)s", 0.3333333333333333d, "0.3333333333333333"),
            arguments("%(v)s", -2.5d, "-2.5"),
            arguments("%(v)s", 1e+16d, "1e+16"),
            arguments("%(v)s", 1000000000000000.0d, "1000000000000000.0"),
            arguments("%(v)s", 1.5e+16d, "1.5e+16"),
            arguments("%(v)s", 1.2345678901234568e+17d, "1.2345678901234568e+17"),
            arguments("%(v)s", 0.0001d, "0.0001"),
            arguments("%(v)s", 1e-05d, "1e-05"),
            arguments("%(v)s", 1.5e-07d, "1.5e-07"),
            arguments("%(v)s", 0.0d, "0.0"),
            arguments("%(v)s", -0.0d, "-0.0"),
            arguments("%(v)s", Double.NaN, "nan"),
            arguments("%(v)s", Double.POSITIVE_INFINITY, "inf"),
            arguments("%(v)s", Double.NEGATIVE_INFINITY, "-inf"),
            arguments("%(v)s", 5e-324d, "5e-324"),
            arguments("%(v)s", 2.2250738585072014e-308d, "2.2250738585072014e-308"),
            arguments("%(v)s", 1.7976931348623157e+308d, "1.7976931348623157e+308"),
            arguments("%(v)s", 1e+23d, "1e+23"),
            arguments("%(v)s", 5.684341886080802e-14d, "5.684341886080802e-14"),
            arguments("%(v)s", 2.82879384806159e+17d, "2.82879384806159e+17"),
            arguments("%(v)s", 9007199254740992.0d, "9007199254740992.0"),
            arguments("%(v)s", 12345.678d, "12345.678"),
            arguments("%(v)s", 100.0d, "100.0"),
            arguments("%(v)s", 1e+22d, "1e+22"),
            arguments("%(v)s", 4.35d, "4.35"),
            arguments("%(v)12s|", 1.5d, "         1.5|"),
            arguments("%(v).4s|", 3.14159d, "3.14|"),
            arguments("%(v)s", 20, "20"),
            arguments("%(v)s", -9223372036854775808L, "-9223372036854775808"),
            arguments("%(v)s", new BigInteger("18446744073709551616"), "18446744073709551616"));
    }

}

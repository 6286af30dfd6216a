package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The log service's JSON writer produces JSON that a standard parser reads back exactly. */
class JsonBytesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final byte[] S = JsonBytes.name("s");
    private static final byte[] N = JsonBytes.name("n");
    private static final byte[] D = JsonBytes.name("d");

    private static JsonNode roundTrip(JsonBytes j) throws Exception {
        return MAPPER.readTree("{" + new String(j.toBytesAfterFirst(), StandardCharsets.UTF_8));
    }

    @Test
    void anyStringSurvivesTheRoundTrip() throws Exception {
        Random random = new Random(42);
        JsonBytes j = new JsonBytes();
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> sb.append((char) random.nextInt(0x20));
                    case 1 -> sb.append("\"\\/");
                    case 2 -> sb.append((char) (0x80 + random.nextInt(0x780)));
                    case 3 -> sb.append((char) (0x800 + random.nextInt(0xd000)));
                    case 4 -> sb.appendCodePoint(0x10000 + random.nextInt(0xfffff));
                    default -> sb.append((char) (0x20 + random.nextInt(0x5f)));
                }
            }
            String s = sb.toString();
            j.reset();
            j.startObject();
            j.string(S, s);
            j.number(N, random.nextLong());
            j.endObject();
            assertThat(roundTrip(j).get("s").asText()).isEqualTo(s);
            for (byte b : j.toBytesAfterFirst()) {
                assertThat(b).as("ASCII only, as POX writes").isBetween((byte) 0x20, (byte) 0x7e);
            }
        }
    }

    @Test
    void nonAsciiIsEscapedExactlyAsPythonsJsonDumpsDoes() throws Exception {
        JsonBytes j = new JsonBytes();
        j.startObject();
        // python3 -c 'import json; print(json.dumps({"s": "h\u00e9llo \u2192 \U0001f600\x7f"}))'
        j.string(S, "h\u00e9llo \u2192 \ud83d\ude00\u007f");
        j.endObject();
        assertThat(new String(j.toBytesAfterFirst(), StandardCharsets.US_ASCII))
                .isEqualTo("\"s\":\"h\\u00e9llo \\u2192 \\ud83d\\ude00\\u007f\"}");
    }

    @Test
    void wholeNumbersPrintAsJavaPrintsThemAtEveryLength() {
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, 9L, 10L, 99L, 100L, 101L,
                Long.MAX_VALUE, Long.MIN_VALUE, -1L, -10L, -100L));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10; p *= 10) {
            values.add(p - 1);
            values.add(p);
            values.add(p + 1);
            values.add(-p);
        }
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        JsonBytes j = new JsonBytes();
        for (long v : values) {
            j.reset();
            j.startObject();
            j.number(N, v);
            j.endObject();
            assertThat(new String(j.toBytesAfterFirst(), StandardCharsets.UTF_8)).isEqualTo("\"n\":" + v + "}");
        }
    }

    @Test
    void decimalsPrintAsPythonPrintsFloats() throws Exception {
        JsonBytes j = new JsonBytes();
        j.startObject();
        j.micros(D, 1_700_000_000_123_456L);
        j.endObject();
        assertThat(new String(j.toBytesAfterFirst(), StandardCharsets.UTF_8)).isEqualTo("\"d\":1700000000.123456}");
        j.reset();
        j.startObject();
        j.micros(D, 896_000_000L);
        j.micros(N, 1_500_000L);
        j.endObject();
        assertThat(new String(j.toBytesAfterFirst(), StandardCharsets.UTF_8)).isEqualTo("\"d\":896.0,\"n\":1.5}");
    }

    @Test
    void nestedArrays() throws Exception {
        JsonBytes j = new JsonBytes();
        j.startObject();
        j.startArray(S);
        j.element("a");
        j.startElementArray();
        j.element("b");
        j.endArray();
        j.endArray();
        j.number(N, -5);
        j.endObject();
        assertThat(roundTrip(j).toString()).isEqualTo("{\"s\":[\"a\",[\"b\"]],\"n\":-5}");
    }

    @Test
    void everyWholeNumberIsWrittenAsJavaWritesItAcrossEveryDigitCount() throws Exception {
        JsonBytes j = new JsonBytes();
        java.util.List<Long> values = new java.util.ArrayList<>(java.util.List.of(0L, Long.MAX_VALUE, Long.MIN_VALUE,
                (long) Integer.MAX_VALUE, Integer.MAX_VALUE + 1L, (long) Integer.MIN_VALUE));
        for (long p = 1; p > 0 && p <= Long.MAX_VALUE / 10 * 10; p *= 10) {
            values.addAll(java.util.List.of(p - 1, p, p + 1, -p, 2 * p - 1));
            if (p > Long.MAX_VALUE / 10) {
                break;
            }
        }
        Random random = new Random(7);
        for (int i = 0; i < 1000; i++) {
            values.add(random.nextLong() >> random.nextInt(64));
        }
        for (long v : values) {
            j.reset();
            j.startObject();
            j.number(N, v);
            j.endObject();
            assertThat(new String(j.toBytesAfterFirst(), StandardCharsets.UTF_8)).isEqualTo("\"n\":" + v + "}");
            assertThat(JsonBytes.digits(Math.abs(Math.max(v, -Long.MAX_VALUE)))).as("digits of " + v)
                    .isEqualTo(Long.toString(Math.abs(Math.max(v, -Long.MAX_VALUE))).length());
        }
    }

    @Test
    void fractionsOfASecondArePrintedAsPythonPrintsFloats() throws Exception {
        JsonBytes j = new JsonBytes();
        for (long micros : new long[] {0, 1, 10, 500_000, 123_456, 999_999, 1_000_000, 1_795_629_146_288_791L, 896_000_000L, -1_500_000}) {
            j.reset();
            j.startObject();
            j.micros(D, micros);
            j.endObject();
            String text = new String(j.toBytesAfterFirst(), StandardCharsets.UTF_8);
            String value = text.substring(4, text.length() - 1);
            assertThat(Double.parseDouble(value)).as(text).isEqualTo(micros / 1e6);
            assertThat(value).as("no trailing zeros but one").matches("-?\\d+\\.(0|\\d*[1-9])");
        }
    }

    @Test
    void everyFractionOfASecondIsItsSixDigitsWithoutTrailingZeros() {
        JsonBytes j = new JsonBytes();
        for (int frac = 0; frac < 1_000_000; frac++) {
            j.reset();
            j.startObject(); // a byte that toBytesAfterFirst drops
            j.fraction6(frac);
            String six = String.format("%06d", frac).replaceFirst("0+$", "");
            String got = new String(j.toBytesAfterFirst(), StandardCharsets.US_ASCII);
            if (!got.equals(six.isEmpty() ? "0" : six)) {
                assertThat(got).as("fraction %d", frac).isEqualTo(six.isEmpty() ? "0" : six);
            }
        }
    }
}

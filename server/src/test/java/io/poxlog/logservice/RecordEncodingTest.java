package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

class RecordEncodingTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private final LoggerContext context = new LoggerContext();
    private final RecordEncoding json = new RecordEncoding(null, null, true, ZoneId.of("UTC"), 0);

    private LogRecord record(long seq) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("openflow.of_01"), Level.WARN,
                "PacketIn: in_port={} buffer_id={}", null, new Object[] {3, 12345L});
        event.getThreadName();
        LogRecord r = new LogRecord(event, 7, false);
        r.seq = seq;
        return r;
    }

    @Test
    void aRecordWithoutCallerDataCarriesTheProcessAndEmptyCallerFieldsInPoxOrder() throws Exception {
        String body = new String(json.encodeBody(record(5)), StandardCharsets.UTF_8);

        assertThat(body).contains("\"thread\":7,\"threadName\":\"" + Thread.currentThread().getName() + "\",\"process\":"
                + ProcessHandle.current().pid() + ",\"processName\":\"MainProcess\",\"module\":\"\",\"funcName\":\"\","
                + "\"lineno\":0,\"filename\":\"\",\"pathname\":\"\",\"args\":[3,12345]}");
        JsonNode r = new ObjectMapper().readTree("{" + body);
        assertThat(r.get("levelname").asText()).isEqualTo("WARNING");
        assertThat(r.get("levelno").asInt()).isEqualTo(30);
        assertThat(r.get("seq").asLong()).isEqualTo(5);
        assertThat(r.get("message").asText()).isEqualTo("PacketIn: in_port=3 buffer_id=12345");
    }

    /**
     * The runs of fields that repeat from record to record are encoded once and copied while they
     * repeat: each record must still get exactly the bytes a fresh encoding gives it, however its
     * millisecond, thread, level and logger change from the record before.
     */
    @Test
    void aRecordEncodedAfterOthersHasTheBytesAFreshEncodingGivesIt() {
        java.util.Random random = new java.util.Random(16);
        String[] loggers = {"openflow.of_01", "a", "a.b"};
        Level[] levels = {Level.INFO, Level.WARN, Level.DEBUG};
        String[] threads = {"main", "worker-1", new String("main")};
        long millis = 1_700_000_000_123L;
        for (int seq = 1; seq <= 2_000; seq++) {
            millis += random.nextInt(4) == 0 ? random.nextInt(1_500) : 0;
            LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(loggers[random.nextInt(3)]),
                    levels[random.nextInt(3)], random.nextBoolean() ? "PacketIn: in_port={} buffer_id={}" : "plain {}",
                    null, new Object[] {seq & 7, (long) seq});
            event.setInstant(java.time.Instant.ofEpochMilli(millis).plusNanos(random.nextInt(1_000_000)));
            event.setThreadName(threads[random.nextInt(3)]);
            LogRecord r = new LogRecord(event, random.nextInt(3), false);
            r.seq = seq;
            RecordEncoding fresh = new RecordEncoding(null, null, true, UTC, 1_700_000_000_000L);

            assertThat(new String(shared.encodeBody(r), StandardCharsets.UTF_8)).as("record %d", seq)
                    .isEqualTo(new String(fresh.encodeBody(r), StandardCharsets.UTF_8));
        }
    }

    private final RecordEncoding shared = new RecordEncoding(null, null, true, UTC, 1_700_000_000_000L);

    /**
     * The live stream encodes a drain's bodies back to back into one buffer: each must be exactly
     * what {@link RecordEncoding#encodeBody} gives it alone, direct or formatted, cut or whole,
     * whatever came before it in the buffer.
     */
    @Test
    void bodiesWrittenBackToBackInOneBufferAreEachTheBodyAlone() {
        int max = 4_096;
        RecordEncoding into = new RecordEncoding(null, null, true, UTC, 0, max, new LongAdder());
        RecordEncoding alone = new RecordEncoding(null, null, true, UTC, 0, max, new LongAdder());
        LogRecord[] records = {
            record(1), // direct
            record(2, "plain, no arguments"),
            record(3, "{} is past the limit", "x".repeat(10_000)), // direct, then cut
            record(4, "a \"quoted\" pattern {}", 5), // not direct: formatted
            record(5, "{}", "\u00e9".repeat(3_000)), // past the limit in bytes, not in characters
            record(6),
        };
        JsonBytes buffer = new JsonBytes();
        buffer.startObject(); // what came before: a body never starts at the buffer's start
        int[] from = new int[records.length];
        int[] to = new int[records.length];
        for (int i = 0; i < records.length; i++) {
            from[i] = into.bodyInto(buffer, records[i]);
            to[i] = buffer.length();
        }
        for (int i = 0; i < records.length; i++) {
            String expected = new String(alone.encodeBody(records[i]), StandardCharsets.UTF_8);
            String got = new String(buffer.array(), from[i], to[i] - from[i], StandardCharsets.UTF_8);
            assertThat(got).as("record %d", i + 1).isEqualTo(expected);
            assertThat(to[i] - from[i] + 1).as("record %d", i + 1).isLessThanOrEqualTo(max);
        }
        assertThat(into.encoded()).isEqualTo(records.length);
    }

    @Test
    void argsKeepTheirJsonTypesAsPoxSendsThem() throws Exception {
        java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong(41);
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("a"), Level.INFO,
                "{} {} {} {} {} {} {} {} {} {} {} {}", null, new Object[] {7, -3L, 0.1, 1e20, 2.5f, true, null, "text",
                        new java.math.BigInteger("123456789012345678901234567890"), (short) 12, (byte) -1, Long.MIN_VALUE});
        event.getThreadName();
        LogRecord r = new LogRecord(event, 7, false);
        String body = new String(json.encodeBody(r), StandardCharsets.UTF_8);
        assertThat(body).contains("\"args\":[7,-3,0.1,1e+20,2.5,true,null,\"text\",123456789012345678901234567890,12,-1,"
                + Long.MIN_VALUE + "]");

        // NaN and infinities are not JSON: their text. A counter may change before the service
        // thread reads it, so it is frozen as its text on the logging thread.
        LoggingEvent odd = new LoggingEvent(getClass().getName(), context.getLogger("a"), Level.INFO, "{} {} {}", null,
                new Object[] {Double.NaN, Double.NEGATIVE_INFINITY, counter});
        odd.getThreadName();
        assertThat(LogRecord.argumentsAreValues(odd.getArgumentArray())).isFalse();
        LogRecord frozen = new LogRecord(odd, 7, true);
        counter.incrementAndGet();
        assertThat(new String(json.encodeBody(frozen), StandardCharsets.UTF_8))
                .contains("\"args\":[\"NaN\",\"-Infinity\",\"41\"]");
        new ObjectMapper().readTree("{" + body); // well-formed JSON
    }

    private LogRecord record(long seq, String message, Object... args) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("big"), Level.INFO, message, null, args);
        event.getThreadName();
        LogRecord r = new LogRecord(event, 7, false);
        r.seq = seq;
        return r;
    }

    private static JsonNode parse(byte[] body) throws Exception {
        return new ObjectMapper().readTree("{" + new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void settingsThatCouldMakeEveryRecordPassTheLimitAreRefusedNamingIt() {
        // 93 dates of 20 fields 1000 wide: 1.86 million characters before any text of the record's own.
        assertThatThrownBy(() -> new RecordEncoding("%(asctime)s".repeat(93), "%1000Y".repeat(20), false, UTC, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'format' and 'dateFormat' could make one record up to ")
                .hasMessageEndingWith("past the limit of 1048576 bytes one record may take for one subscription "
                        + "(max_record_bytes)");
        assertThatThrownBy(() -> new RecordEncoding("%(seq)1000d".repeat(90), null, false, UTC, 0, 65_536, new LongAdder()))
                .hasMessageStartingWith("'format' could make one record up to ").hasMessageContaining("limit of 65536 bytes");
        // The record's own texts are not the settings' fault: they are cut when they must be.
        assertThat(new RecordEncoding("%(message)s".repeat(93), "%1000Y", true, UTC, 0)).isNotNull();
        assertThatThrownBy(() -> new RecordEncoding(null, "%1001Y", false, UTC, 0))
                .hasMessage("'dateFormat': width 1001 at position 1 is larger than the limit of 1000 in dateFormat '%1001Y'");
        assertThatThrownBy(() -> new RecordEncoding("%(nope)s", null, false, UTC, 0)).hasMessageStartingWith("'format': ");
    }

    @Test
    void aRecordPastTheLimitIsCutToItWithAMarkerAndCounted() throws Exception {
        LongAdder cuts = new LongAdder();
        int max = 65_536;
        RecordEncoding e = new RecordEncoding("%(message)s".repeat(10), null, true, UTC, 0, max, cuts);
        String big = "\u00e9abc".repeat(5_000); // 20,000 characters, 45,000 bytes of JSON
        byte[] body = e.encodeBody(record(9, "{}", big));
        assertThat(body.length + 1).isLessThanOrEqualTo(max).isGreaterThan(max - 64);
        JsonNode r = parse(body);
        assertThat(r.get("truncated").asBoolean()).isTrue();
        assertThat(r.get("seq").asLong()).isEqualTo(9);
        assertThat(r.get("name").asText()).isEqualTo("big");
        assertThat(r.get("message").asText()).startsWith(big).endsWith(" [... cut: this record passed the limit of 65536 "
                + "bytes one record may take for one subscription (max_record_bytes)]");
        assertThat(r.get("args").get(0).asText()).hasSize(RecordLimit.TEXT_CHARS + 3).endsWith("...");
        assertThat(cuts.sum()).isEqualTo(1);

        byte[] small = e.encodeBody(record(10, "small"));
        assertThat(parse(small).has("truncated")).isFalse();
        assertThat(cuts.sum()).isEqualTo(1);
    }

    @Test
    void aRecordWithAHugeMessageAndHugeArgumentsStillFits() throws Exception {
        int max = 65_536;
        RecordEncoding e = new RecordEncoding(null, null, true, UTC, 0, max, new LongAdder());
        Object[] args = new Object[200];
        java.util.Arrays.fill(args, "\u0001".repeat(2_000));
        byte[] body = e.encodeBody(record(3, "{} ".repeat(200), args));
        assertThat(body.length + 1).isLessThanOrEqualTo(max);
        JsonNode r = parse(body);
        assertThat(r.get("truncated").asBoolean()).isTrue();
        assertThat(r.get("levelname").asText()).isEqualTo("INFO");
        assertThat(r.get("message").asText()).contains("max_record_bytes");
    }

    @Test
    void consecutiveRecordsEncodeIndependently() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode first = mapper.readTree("{" + new String(json.encodeBody(record(1)), StandardCharsets.UTF_8));
        JsonNode second = mapper.readTree("{" + new String(json.encodeBody(record(2)), StandardCharsets.UTF_8));
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(second.get("seq").asLong()).isEqualTo(2);
        assertThat(second.size()).isEqualTo(first.size());
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.slf4j.helpers.MessageFormatter;

/**
 * A record's message written straight from its pattern and arguments ({@link DirectMessage}) is
 * byte for byte what the usual way gives (SLF4J's formatting, then the JSON encoding of the
 * string and of each argument), whatever the pattern and arguments; and the common record takes
 * that way.
 */
class DirectMessageTest {
    private static final String[] PIECES = {"{}", "{}", "{", "}", "\\", "\\\\", "\"", "abc ", "x=", "é", "\n", "\t", "{{}}",
            "\u2028", "PacketIn: in_port=", " buffer_id="};
    private final LoggerContext context = new LoggerContext();
    private final Random random = new Random(16);

    private LogRecord record(String pattern, Object[] args, long seq) {
        return record(event(pattern, args), seq);
    }

    private LoggingEvent event(String pattern, Object[] args) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("openflow.of_01"), Level.INFO,
                pattern, null, args);
        event.getThreadName();
        return event;
    }

    private static LogRecord record(LoggingEvent event, long seq) {
        LogRecord r = new LogRecord(event, 7, !LogRecord.argumentsAreValues(event.getArgumentArray()));
        r.seq = seq;
        return r;
    }

    /** The same event as the usual way encodes it: its message asked for first, as a filter does. */
    private static LogRecord known(LoggingEvent event, long seq) {
        LogRecord r = record(event, seq);
        r.message();
        return r;
    }

    @Test
    void anyPatternAndArgumentsEncodeExactlyAsTheUsualWay() {
        RecordEncoding direct = new RecordEncoding(null, null, true, ZoneId.of("UTC"), 0);
        RecordEncoding usual = new RecordEncoding(null, null, true, ZoneId.of("UTC"), 0);
        RecordEncoding plainDirect = new RecordEncoding(null, null, false, ZoneId.of("UTC"), 0);
        RecordEncoding plainUsual = new RecordEncoding(null, null, false, ZoneId.of("UTC"), 0);
        for (int round = 0; round < 5000; round++) {
            String pattern = pattern();
            Object[] args = args();
            String why = "pattern " + pattern + " args " + java.util.Arrays.toString(args);
            LoggingEvent event = event(pattern, args);
            String directJson = text(direct.encodeBody(record(event, round)));
            String directPlain = text(plainDirect.encodeBody(record(event, round)));
            assertThat(directJson).as(why).isEqualTo(text(usual.encodeBody(known(event, round))));
            assertThat(directPlain).as(why).isEqualTo(text(plainUsual.encodeBody(known(event, round))));
        }
        assertThat(direct.directlyWritten()).as("many random records are simple enough").isGreaterThan(500);
        assertThat(usual.directlyWritten()).isZero();
    }

    @Test
    void theMessageIsSlf4jsForEveryPlainPattern() {
        RecordEncoding plain = new RecordEncoding(null, null, false, ZoneId.of("UTC"), 0);
        for (int round = 0; round < 2000; round++) {
            String pattern = pattern().replace("\\", "").replace("\"", "").replaceAll("[^ -~]", "");
            Object[] args = args();
            if (!DirectMessage.simpleArguments(args)) {
                continue;
            }
            String expected = MessageFormatter.arrayFormat(pattern, args).getMessage();
            String body = text(plain.encodeBody(record(pattern, args, round)));
            assertThat(body).as(pattern).startsWith("\"message\":" + text(JsonBytes.encodeString(expected)) + ",");
        }
    }

    @Test
    void theCommonRecordIsWrittenStraightFromItsPatternAndItsArgumentsAreCopied() {
        RecordEncoding json = new RecordEncoding(null, null, true, ZoneId.of("UTC"), 0);
        String body = text(json.encodeBody(record("[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}",
                new Object[] {3L, 12345L}, 9)));

        assertThat(json.directlyWritten()).isEqualTo(1);
        assertThat(body).startsWith("\"message\":\"[00-00-00-00-00-01 1] PacketIn: in_port=3 buffer_id=12345\",\"seq\":9,");
        assertThat(body).endsWith("\"args\":[3,12345]}");
    }

    @Test
    void aRecordPastTheLimitIsCutAsTheUsualWayCutsIt() {
        RecordEncoding direct = new RecordEncoding(null, null, true, ZoneId.of("UTC"), 0, 1500, new LongAdder());
        RecordEncoding usual = new RecordEncoding(null, null, true, ZoneId.of("UTC"), 0, 1500, new LongAdder());
        LoggingEvent event = event("big {} {}", new Object[] {"x".repeat(2000), 5L});
        String cut = text(direct.encodeBody(record(event, 1)));

        assertThat(cut).isEqualTo(text(usual.encodeBody(known(event, 1))));
        assertThat(cut).contains("\"truncated\":true");
    }

    private String pattern() {
        StringBuilder sb = new StringBuilder();
        int n = random.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    private Object[] args() {
        int n = random.nextInt(5);
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(10)) {
                case 0 -> args.add(random.nextLong());
                case 1 -> args.add(random.nextInt());
                case 2 -> args.add((short) random.nextInt());
                case 3 -> args.add((byte) random.nextInt());
                case 4 -> args.add(random.nextBoolean());
                case 5 -> args.add(null);
                case 6 -> args.add(1.5); // not simple: the usual way
                case 7 -> args.add(Long.MIN_VALUE);
                default -> args.add(pattern());
            }
        }
        return args.toArray();
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

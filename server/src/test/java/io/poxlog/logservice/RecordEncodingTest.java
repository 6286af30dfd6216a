package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class RecordEncodingTest {
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
                + "\"lineno\":0,\"filename\":\"\",\"pathname\":\"\",\"args\":[\"3\",\"12345\"]}");
        JsonNode r = new ObjectMapper().readTree("{" + body);
        assertThat(r.get("levelname").asText()).isEqualTo("WARNING");
        assertThat(r.get("levelno").asInt()).isEqualTo(30);
        assertThat(r.get("seq").asLong()).isEqualTo(5);
        assertThat(r.get("message").asText()).isEqualTo("PacketIn: in_port=3 buffer_id=12345");
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

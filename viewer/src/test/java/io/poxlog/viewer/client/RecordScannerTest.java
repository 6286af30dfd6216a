package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written field scanner agrees with Jackson on every record shape it may meet. */
class RecordScannerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String randomText(Random r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(30);
        for (int i = 0; i < n; i++) {
            switch (r.nextInt(6)) {
                case 0 -> sb.append((char) r.nextInt(0x20));
                case 1 -> sb.append("\"\\/{}[],:");
                case 2 -> sb.append((char) (0x80 + r.nextInt(0x700)));
                case 3 -> sb.appendCodePoint(0x1f600 + r.nextInt(50));
                default -> sb.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return sb.toString();
    }

    @Test
    void agreesWithJacksonOnRandomRecordsInAnyKeyOrder() throws Exception {
        Random r = new Random(7);
        RecordScanner s = new RecordScanner();
        MessageFields f = new MessageFields();
        for (int round = 0; round < 3000; round++) {
            List<String[]> fields = new ArrayList<>();
            fields.add(new String[] {"CHANNEL", MAPPER.writeValueAsString("log_" + round)});
            fields.add(new String[] {"message", MAPPER.writeValueAsString(randomText(r))});
            fields.add(new String[] {"name", MAPPER.writeValueAsString(randomText(r))});
            fields.add(new String[] {"levelname", MAPPER.writeValueAsString("WARNING")});
            fields.add(new String[] {"levelno", "30"});
            fields.add(new String[] {"seq", String.valueOf(r.nextInt(Integer.MAX_VALUE))});
            fields.add(new String[] {"created", (1_700_000_000L + r.nextInt(1000)) + "." + String.format("%06d", r.nextInt(1_000_000))});
            fields.add(new String[] {"exc_info", "[\"a\",\"b\",[\"  File \\\"x\\\"\"]]"});
            fields.add(new String[] {"args", "[\"}\",{\"x\":[1,2]}]"});
            fields.add(new String[] {"msecs", "896.0"});
            Collections.shuffle(fields, r);
            StringBuilder json = new StringBuilder("{");
            for (int i = 0; i < fields.size(); i++) {
                json.append(i == 0 ? "" : (r.nextBoolean() ? ", " : ",")).append('"').append(fields.get(i)[0]).append("\":")
                        .append(r.nextBoolean() ? " " : "").append(fields.get(i)[1]);
            }
            json.append('}');
            byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
            JsonNode expected = MAPPER.readTree(bytes);
            assertThat(s.scan(bytes, f)).isEqualTo(expected.get("CHANNEL").asText());
            assertThat(f.message).isEqualTo(expected.get("message").asText());
            assertThat(f.logger).isEqualTo(expected.get("name").asText());
            assertThat(f.levelName).isEqualTo("WARNING");
            assertThat(f.levelNo).isEqualTo(30);
            assertThat(f.seq).isEqualTo(expected.get("seq").asLong());
            assertThat(f.created).isCloseTo(expected.get("created").asDouble(), org.assertj.core.data.Offset.offset(1e-6));
        }
    }

    @Test
    void aMessageWithoutTheFieldsGivesDefaults() throws Exception {
        RecordScanner s = new RecordScanner();
        MessageFields f = new MessageFields();
        ObjectNode welcome = MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "welcome").put("session_id", "x");
        welcome.putArray("features").add("seq");
        assertThat(s.scan(MAPPER.writeValueAsBytes(welcome), f)).isEmpty();
        assertThat(f.seq).isEqualTo(-1);
        assertThat(f.cmd).isEqualTo("welcome");
        assertThat(f.xid).isNull();
        assertThat(Double.isNaN(f.created)).isTrue();
        assertThat(s.scan("{}".getBytes(StandardCharsets.UTF_8), f)).isEmpty();
        assertThat(f.cmd).isNull();
    }

    @Test
    void theScannerAndTheFullParseReadTheSameFieldsTheClientRoutesBy() throws Exception {
        RecordScanner s = new RecordScanner();
        MessageFields scanned = new MessageFields();
        String[] messages = {
            "{\"CHANNEL\": \"\", \"cmd\": \"error\", \"error\": \"no\", \"XID\": \"poxlog-7\"}",
            "{\"XID\": 7, \"CHANNEL\": \"log\", \"levels\": {\"a\": {\"configured\": null}}}",
            "{\"CHANNEL\": \"log_x\", \"message\": \"lost\", \"dropped\": 5, \"gap\": [10, 14]}",
            "{\"CHANNEL\": \"log_x\", \"dropped\": 9223372036854775807, \"gap\": [1, 5]}",
            "{\"CHANNEL\": \"log_x\", \"dropped\": 3, \"gap\": [1, \"x\"]}",
            "{\"CHANNEL\": \"log_x\", \"dropped\": 3, \"gap\": [1, 2, 3]}",
            "{\"CHANNEL\": \"log_x\", \"dropped\": 3, \"gap\": 4}",
            "{\"CHANNEL\": \"log_x\", \"dropped\": 3, \"gap\": [1.5, 2]}",
        };
        for (String m : messages) {
            byte[] b = m.getBytes(StandardCharsets.UTF_8);
            s.scan(b, scanned);
            MessageFields full = fullParse(b);
            assertThat(scanned).as(m).usingRecursiveComparison().withComparatorForType(Double::compare, Double.class).isEqualTo(full);
        }
        s.scan(messages[0].getBytes(StandardCharsets.UTF_8), scanned);
        assertThat(scanned.xid).isEqualTo("poxlog-7");
        assertThat(scanned.isError()).isTrue();
        s.scan(messages[1].getBytes(StandardCharsets.UTF_8), scanned);
        assertThat(scanned.xid).as("a number is not one of our XIDs").isNull();
        s.scan(messages[2].getBytes(StandardCharsets.UTF_8), scanned);
        assertThat(scanned.hasGap).isTrue();
        assertThat(scanned.gapFirst).isEqualTo(10);
        assertThat(scanned.gapLast).isEqualTo(14);
        s.scan(messages[4].getBytes(StandardCharsets.UTF_8), scanned);
        assertThat(scanned.gapFirst).isEqualTo(MessageFields.MALFORMED_GAP);
    }

    private static MessageFields fullParse(byte[] bytes) throws Exception {
        RecordParser p = new RecordParser();
        p.parseFully(bytes);
        return p.fields();
    }
}

package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordStreamScannerTest {
    /** Objects whose keys hide in strings and nested values, with escapes, nested braces and whitespace. */
    private static final String STREAM = " {\"CHANNEL\":\"\",\"cmd\":\"welcome\",\"session_id\":\"a\\\"seq\\\":9\"}\n"
            + "{\"CHANNEL\":\"log_x\",\"message\":\"rec 1 t=12345\",\"seq\":41,\"args\":[\"{\\\"seq\\\":7}\",\"]\"],"
            + "\"nested\":{\"seq\":99,\"dropped\":5},\"exc\":[\"a\\\\\",\"b\"]}"
            + "{\"message\":\"in_port=3 buffer_id=4\",\"seq\" : 42}"
            + "{\"CHANNEL\":\"log_x\",\"levelname\":\"WARNING\",\"dropped\":17,\"gap\":[43,59],\"message\":\"lost\"}"
            + "{\"CHANNEL\":\"\",\"test\":\"LOG_X\"}  ";

    private record Seen(long seq, long dropped, boolean probe, long stamp) {
    }

    private static List<Seen> scan(String stream, int chunk, boolean stamps) throws IOException {
        byte[] bytes = stream.getBytes(StandardCharsets.UTF_8);
        InputStream in = new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
        List<Seen> out = new ArrayList<>();
        new RecordStreamScanner(stamps).run(in, (seq, dropped, probe, stamp) -> out.add(new Seen(seq, dropped, probe, stamp)));
        return out;
    }

    @Test
    void readsOnlyTopLevelFieldsWhateverTheReadSize() throws IOException {
        for (int chunk : new int[] {1, 2, 3, 5, 7, 64, 100_000}) {
            assertThat(scan(STREAM, chunk, true)).as("chunk " + chunk).containsExactly(
                    new Seen(-1, 0, false, -1),
                    new Seen(41, 0, false, 12345),
                    new Seen(42, 0, false, -1),
                    new Seen(-1, 17, false, -1),
                    new Seen(-1, 0, true, -1));
        }
    }

    @Test
    void stampsAreReadOnlyWhenAsked() throws IOException {
        assertThat(scan(STREAM, 100_000, false).get(1)).isEqualTo(new Seen(41, 0, false, -1));
    }

    @Test
    void refusesAStreamThatIsNotObjects() {
        assertThatThrownBy(() -> scan("{\"a\":1} 42", 100, false)).hasMessageContaining("'4'");
        assertThatThrownBy(() -> scan("{\"a\":1}}", 100, false)).hasMessageContaining("unbalanced");
    }

    @Test
    void takesObjectsUpToTheLimitAcrossReadsAndRefusesLongerOnes() throws IOException {
        int max = RecordStreamScanner.MAX_OBJECT_BYTES;
        String wrapper = "{\"seq\":7,\"message\":\"\"}";
        String atLimit = wrapper.replace("\"\"}", "\"" + "x".repeat(max - wrapper.length()) + "\"}");
        assertThat(atLimit).hasSize(max);
        for (int lead : new int[] {0, 1, 4095, 4096, 40_000, 65_535}) {
            String before = "{\"a\":\"" + "y".repeat(lead) + "\"}";
            assertThat(scan(before + atLimit + "{\"seq\":8}", 64 * 1024, false)).as("lead " + lead)
                    .extracting(Seen::seq).containsExactly(-1L, 7L, 8L);
            String over = atLimit.replace("\"x", "\"xx");
            assertThatThrownBy(() -> scan(before + over, 64 * 1024, false)).as("lead " + lead)
                    .hasMessageContaining("longer than");
        }
    }

    @Test
    void refusesAMemberThatIsNotKeyAndValue() {
        assertThatThrownBy(() -> scan("{\"a\" 1}", 100, false)).hasMessageContaining("':'");
        assertThatThrownBy(() -> scan("{1:2}", 100, false)).hasMessageContaining("a key");
    }
}

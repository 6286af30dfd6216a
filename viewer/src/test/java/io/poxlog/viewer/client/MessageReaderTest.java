package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The viewer's stream splitter, fed what PROTOCOL.md §1 allows, in pieces of any size. */
class MessageReaderTest {

    /** Hands out at most {@code chunk} bytes per read, as a network might. */
    private static InputStream chunked(String s, int chunk) {
        byte[] all = s.getBytes(StandardCharsets.UTF_8);
        return new ByteArrayInputStream(all) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, chunk));
            }
        };
    }

    private static List<String> split(String s, int chunk, int max) throws IOException {
        MessageReader sp = new MessageReader(chunked(s, chunk), max);
        List<String> out = new ArrayList<>();
        byte[] b;
        while ((b = sp.next()) != null) {
            out.add(new String(b, StandardCharsets.UTF_8));
        }
        return out;
    }

    @Test
    void cutsObjectsWithBracesAndQuotesInsideStringsWhateverTheReadSize() throws IOException {
        String stream = " {\"a\":\"}{\\\"\"}\n{\"b\":[1,{\"c\":\"\\\\\"}]}{\"u\":\"\u2603\"}  ";
        for (int chunk : new int[] {1, 2, 3, 7, 1000}) {
            assertThat(split(stream, chunk, 1 << 20)).as("chunk " + chunk)
                    .containsExactly("{\"a\":\"}{\\\"\"}", "{\"b\":[1,{\"c\":\"\\\\\"}]}", "{\"u\":\"\u2603\"}");
        }
    }

    @Test
    void objectsLargerThanItsBufferAreWhole() throws IOException {
        String big = "{\"m\":\"" + "x".repeat(300_000) + "\"}";
        assertThat(split(big + big, 65536, 1 << 20)).hasSize(2).allSatisfy(o -> assertThat(o).isEqualTo(big));
    }

    @Test
    void refusesGarbageBetweenObjects() {
        assertThatThrownBy(() -> split("{\"a\":1} 42", 100, 1 << 20)).hasMessageContaining("'4'");
    }

    @Test
    void anObjectOverTheLimitIsSkippedWithoutBeingKeptAndTheStreamGoesOn() throws IOException {
        String big = "{\"m\":\"" + "x}{".repeat(100_000) + "\"}";
        for (int chunk : new int[] {1000, 1 << 16}) {
            MessageReader r = new MessageReader(chunked(big + "{\"after\":1}" + big, chunk), 4096);
            assertThat(r.next()).isSameAs(MessageReader.OVERSIZED);
            assertThat(r.skippedBytes()).isEqualTo(big.length());
            assertThat(new String(r.next(), StandardCharsets.UTF_8)).isEqualTo("{\"after\":1}");
            assertThat(r.next()).isSameAs(MessageReader.OVERSIZED);
            assertThat(r.next()).isNull();
            assertThat(r.endOfStream()).isTrue();
        }
    }

    @Test
    void anObjectExactlyAtTheLimitIsKept() throws IOException {
        String obj = "{\"m\":\"" + "x".repeat(990) + "\"}";
        assertThat(split(obj, 100, obj.length())).containsExactly(obj);
        assertThat(new MessageReader(chunked(obj, 100), obj.length() - 1).next()).isSameAs(MessageReader.OVERSIZED);
    }
}

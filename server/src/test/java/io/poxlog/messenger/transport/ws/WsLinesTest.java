package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Json;
import io.poxlog.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subprotocol {@value WsTransport#LINES} (PROTOCOL.md §12) with the JDK's own WebSocket client: a
 * client that offers it gets it, and then every frame of the server is whole lines, each a message
 * and its newline, several records in a frame of the log service's batch; a client that offers
 * none, or only others, still gets one message per frame. The limits and the gap notices with it
 * are the suite's ({@code Transport.WEBSOCKET_LINES}).
 */
class WsLinesTest {

    /** The lines of a frame, each checked to be whole JSON; fails a frame that does not end with a newline. */
    private static List<JsonNode> lines(String frame) throws Exception {
        assertThat(frame).as("a frame of lines ends with its last newline").endsWith("\n");
        List<JsonNode> out = new ArrayList<>();
        for (String line : frame.substring(0, frame.length() - 1).split("\n", -1)) {
            out.add(Json.MAPPER.readTree(line));
        }
        return out;
    }

    @Test
    void aClientOfferingTheSubprotocolGetsItAndTheWelcomeAndRepliesAreFramesOfOneLine() throws Exception {
        try (WsFixture fx = new WsFixture();
             WsClient c = WsClient.connect(fx.uri(), Map.of(), true, "chat", WsTransport.LINES)) {
            assertThat(c.subprotocol()).as("chosen among the offered").isEqualTo(WsTransport.LINES);
            assertThat(c.welcome().get("server").asText()).isEqualTo("poxlog");
            c.send("{\"CHANNEL\":\"upper\",\"msg\":\"x\"}");
            assertThat(c.next().get("msg").asText()).isEqualTo("X");
            c.send("{\"CHANNEL\":\"upper\"");
            assertThat(c.next().get("error").asText()).isNotEmpty();
            List<String> frames = c.frames();
            assertThat(frames).hasSize(3);
            for (String f : frames) {
                assertThat(lines(f)).as(f).hasSize(1);
            }
        }
    }

    @Test
    void aClientOfferingOnlyOtherSubprotocolsGetsNoneAndOneMessagePerFrameAsOneOfferingNone() throws Exception {
        try (WsFixture fx = new WsFixture();
             WsClient other = WsClient.connect(fx.uri(), Map.of(), true, "chat", "poxlog-jsonl-v2");
             WsClient none = WsClient.connect(fx.uri(), Map.of())) {
            assertThat(other.subprotocol()).as("the answer names none: the JDK's client goes on").isEmpty();
            assertThat(none.subprotocol()).isEmpty();
            for (WsClient c : List.of(other, none)) {
                c.welcome();
                String ch = WsFixture.subscribe(c, "\"subsystems\":[\"plain\",\"test.settle\"]");
                for (int i = 0; i < 500; i++) {
                    fx.logger("plain").info("record " + i);
                }
                for (int i = 0; i < 500; i++) {
                    int n = i;
                    c.next(m -> ch.equals(m.path("CHANNEL").asText()) && ("record " + n).equals(m.path("message").asText()));
                }
            }
            for (String f : other.frames()) {
                assertThat(f).as("one message, no newline").doesNotContain("\n");
                Json.MAPPER.readTree(f);
            }
        }
    }

    @Test
    void aBacklogComesManyRecordsAFrameInOrderEachAWholeLineAndNoFramePastTheBound() throws Exception {
        int n = 5000;
        try (WsFixture fx = new WsFixture();
             WsClient c = WsClient.connect(fx.uri(), Map.of(), true, WsTransport.LINES)) {
            c.welcome();
            for (int i = 0; i < n; i++) {
                fx.logger("flood").info("flood " + i + " " + "x".repeat(i % 300));
            }
            c.frames();
            String ch = WsFixture.channel();
            c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"json\":true,\"backlog\":" + n
                    + ",\"subsystems\":[\"flood\"]}");
            long seq = -1;
            for (int i = 0; i < n; i++) {
                JsonNode m = c.next(r -> ch.equals(r.path("CHANNEL").asText()));
                assertThat(m.get("message").asText()).startsWith("flood " + i + " ");
                assertThat(m.get("seq").asLong()).isGreaterThan(seq);
                seq = m.get("seq").asLong();
            }
            int records = 0;
            int frames = 0;
            int most = 0;
            for (String f : c.frames()) {
                List<JsonNode> ls = lines(f);
                assertThat(f.length()).as("ASCII: its length is its payload's").isLessThanOrEqualTo(FrameBatch.LINE_FRAME_BYTES);
                long here = ls.stream().filter(m -> ch.equals(m.path("CHANNEL").asText())).count();
                if (here > 0) {
                    records += here;
                    frames++;
                    most = Math.max(most, ls.size());
                }
            }
            assertThat(records).isEqualTo(n);
            assertThat(frames).as("%d records of about 300 bytes, in frames of up to 64 KiB", n).isLessThan(n / 20);
            assertThat(most).isGreaterThan(100);
        }
    }

    @Test
    void aRecordWithNewlinesInItsMessageIsOneLineAndOneBiggerThanAFrameIsAloneInItsOwn() throws Exception {
        String multi = "first\nsecond\r\nthird\u2028fourth\u0000\"quoted\"\\";
        String big = "b".repeat(200_000);
        try (WsFixture fx = new WsFixture();
             WsClient c = WsClient.connect(fx.uri(), Map.of(), true, WsTransport.LINES)) {
            c.welcome();
            String ch = WsFixture.subscribe(c, "\"subsystems\":[\"lines\",\"test.settle\"]");
            c.frames();
            fx.logger("lines").info("before");
            fx.logger("lines").info(multi);
            fx.logger("lines").info(big);
            fx.logger("lines").info("after");
            for (String want : List.of("before", multi, big, "after")) {
                assertThat(c.next(m -> ch.equals(m.path("CHANNEL").asText())).get("message").asText()).isEqualTo(want);
            }
            List<String> frames = c.frames();
            String all = String.join("", frames);
            assertThat(all.chars().filter(x -> x == '\n').count()).as("a newline ends each record, and only that").isEqualTo(4);
            String alone = frames.stream().filter(f -> f.contains(big)).findFirst().orElseThrow();
            assertThat(lines(alone)).as("the big one alone in its frame").hasSize(1);
        }
    }
}

package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket connection's write path on a channel with Netty's frame encoder, as after the
 * handshake: a batch's pre-framed chunks pass the encoder untouched, in order with the frames the
 * encoder makes (a close), and a batch that cannot be written leaves no buffer behind.
 */
class WsConnectionTest {
    private static final byte[] HEAD = "{\"CHANNEL\":\"log_x\",".getBytes(StandardCharsets.US_ASCII);
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);

    private EmbeddedChannel channel() {
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.config().setAllocator(alloc);
        ch.pipeline().addLast("wsencoder", new WebSocket08FrameEncoder(false));
        return ch;
    }

    private static byte[] body(int i) {
        return ("\"seq\":" + i + ",\"message\":\"" + "m".repeat(i % 400) + "\"}").getBytes(StandardCharsets.US_ASCII);
    }

    /** What a client reads from everything the channel wrote: each frame, as text or close code. */
    private static List<String> clientReads(EmbeddedChannel ch) {
        EmbeddedChannel client = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        for (Object o; (o = ch.readOutbound()) != null; ) {
            assertThat(o).as("only bytes reach the socket").isInstanceOf(ByteBuf.class);
            client.writeInbound(o);
        }
        List<String> out = new ArrayList<>();
        for (WebSocketFrame f; (f = client.readInbound()) != null; ) {
            out.add(f instanceof TextWebSocketFrame t ? t.text() : f instanceof CloseWebSocketFrame c ? "close " + c.statusCode() : f.toString());
            f.release();
        }
        client.finishAndReleaseAll();
        return out;
    }

    @Test
    void aBatchGoesOutAsOneFramePerMessageThroughTheEncoderAndBeforeALaterClose() {
        EmbeddedChannel ch = channel();
        WsConnection c = new WsConnection(ch, 64 << 20, false);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            c.sendEncoded(HEAD, body(i), false);
            expected.add(new String(HEAD, StandardCharsets.US_ASCII) + new String(body(i), StandardCharsets.US_ASCII));
        }
        c.flush();
        ch.runPendingTasks(); // the flush's task (an embedded channel runs a write at once, a real one queues it)
        c.closeWith(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, null);
        expected.add("close 1001");
        assertThat(clientReads(ch)).isEqualTo(expected);
        ch.finishAndReleaseAll();
        assertThat(alloc.metric().usedDirectMemory()).isZero();
    }

    @Test
    void isWritableCountsTheBatchAsTheBytesItPutsOnTheWireUntilNettyHoldsThem() {
        EmbeddedChannel ch = channel();
        WsConnection c = new WsConnection(ch, 64 << 20, false);
        long room = ch.bytesBeforeUnwritable();
        byte[] body = body(100);
        int frame = 4 + HEAD.length + body.length; // a 16-bit length: 126 to 65535 bytes of payload
        int sent = 0;
        while (c.isWritable()) {
            c.sendEncoded(HEAD, body, false);
            sent++;
        }
        assertThat(sent).as("the mark (%d bytes) and one message of %d", room, frame).isEqualTo((int) ((room + frame - 1) / frame));
        c.flush();
        assertThat(c.isWritable()).as("flushed, its task not run yet: still counted").isFalse();
        ch.runPendingTasks();
        assertThat(c.isWritable()).as("written to the socket (here, the test's queue)").isTrue();
        ch.finishAndReleaseAll();
    }

    @Test
    void aBatchForAClosedConnectionIsReleasedUnwritten() {
        EmbeddedChannel ch = channel();
        WsConnection c = new WsConnection(ch, 64 << 20, false);
        for (int i = 0; i < 1000; i++) {
            c.sendEncoded(HEAD, body(i), false);
        }
        assertThat(alloc.metric().usedDirectMemory()).isPositive();
        ch.close();
        c.flush();
        assertThat(alloc.metric().usedDirectMemory()).isZero();
    }

    @Test
    void withLinesABatchIsFramesOfSeveralLinesAndAnythingElseAFrameOfOneLine() {
        EmbeddedChannel ch = channel();
        WsConnection c = new WsConnection(ch, 64 << 20, true);
        c.sendEncoded("{\"cmd\":\"welcome\"}".getBytes(StandardCharsets.US_ASCII));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            c.sendEncoded(HEAD, body(i), false);
            expected.add(new String(HEAD, StandardCharsets.US_ASCII) + new String(body(i), StandardCharsets.US_ASCII));
        }
        c.flush();
        ch.runPendingTasks(); // here, on the event loop itself, a write would overtake the flush's task
        c.sendEncoded(HEAD, body(7), true);
        c.sendAndClose(io.poxlog.messenger.core.Json.object().put("cmd", "error"));
        List<String> frames = clientReads(ch);
        assertThat(frames.get(0)).isEqualTo("{\"cmd\":\"welcome\"}\n");
        List<String> batch = frames.subList(1, frames.size() - 3);
        assertThat(batch.size()).as("2,000 messages of up to 440 bytes in frames of 64 KiB").isBetween(5, 20);
        List<String> lines = new ArrayList<>();
        for (String f : batch) {
            assertThat(f).endsWith("\n");
            lines.addAll(List.of(f.substring(0, f.length() - 1).split("\n", -1)));
        }
        assertThat(lines).isEqualTo(expected);
        assertThat(frames.subList(frames.size() - 3, frames.size())).containsExactly(
                new String(HEAD, StandardCharsets.US_ASCII) + new String(body(7), StandardCharsets.US_ASCII) + "\n",
                "{\"cmd\":\"error\"}\n", "close 1008");
        ch.finishAndReleaseAll();
        assertThat(alloc.metric().usedDirectMemory()).isZero();
    }

    @Test
    void withLinesIsWritableCountsTheBatchAsTheBytesItPutsOnTheWire() {
        EmbeddedChannel ch = channel();
        WsConnection c = new WsConnection(ch, 64 << 20, true);
        long room = ch.bytesBeforeUnwritable();
        byte[] body = body(100);
        int line = HEAD.length + body.length + 1;
        int sent = 0;
        while (c.isWritable()) {
            c.sendEncoded(HEAD, body, false);
            sent++;
        }
        // each line and its newline, and the 4-byte header of every frame ended (one per 64 KiB)
        long frames = (long) sent * line / FrameBatch.LINE_FRAME_BYTES;
        assertThat((long) sent * line + 4 * frames).as("the mark, %d bytes, reached", room).isGreaterThanOrEqualTo(room);
        assertThat((long) (sent - 1) * line).as("and not passed before").isLessThan(room);
        c.flush();
        assertThat(c.isWritable()).as("flushed, its task not run yet: still counted").isFalse();
        ch.runPendingTasks();
        assertThat(c.isWritable()).isTrue();
        ch.finishAndReleaseAll();
    }
}

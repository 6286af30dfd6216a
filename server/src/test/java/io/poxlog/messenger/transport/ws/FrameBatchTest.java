package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket08FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The log service's batch for one WebSocket: framed as it is added into direct chunks, each
 * message one whole text frame, byte for byte what Netty's encoder makes of it and what its
 * decoder reads back; nothing held once written or cleared; owned by one thread until drained.
 */
class FrameBatchTest {
    private static final byte[] HEAD = "{\"CHANNEL\":\"log_x\",".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY = "\"message\":\"m\",\"seq\":1}".getBytes(StandardCharsets.US_ASCII);
    private final UnpooledByteBufAllocator alloc = new UnpooledByteBufAllocator(true);

    /** The chunks' bytes one after another, as the connection writes them; each released. */
    private static byte[] drained(FrameBatch b) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf chunk : b.drain()) {
            assertThat(chunk.isDirect()).isTrue();
            all.writeBytes(chunk);
            chunk.release();
        }
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    /** Netty's server encoder's bytes for the same messages: the reference. */
    private static byte[] nettyEncoded(List<byte[]> payloads) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameEncoder(false));
        for (byte[] p : payloads) {
            ch.writeOutbound(new TextWebSocketFrame(Unpooled.wrappedBuffer(p)));
        }
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf b; (b = ch.readOutbound()) != null; ) {
            all.writeBytes(b);
            b.release();
        }
        ch.finishAndReleaseAll();
        byte[] out = new byte[all.readableBytes()];
        all.readBytes(out);
        return out;
    }

    /** The frames a client reads from {@code wire} (fed in pieces of {@code piece} bytes): their texts. */
    private static List<String> clientReads(byte[] wire, int piece) {
        EmbeddedChannel ch = new EmbeddedChannel(new WebSocket08FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false).maxFramePayloadLength(1 << 20).build()));
        for (int off = 0; off < wire.length; off += piece) {
            ch.writeInbound(Unpooled.wrappedBuffer(wire, off, Math.min(piece, wire.length - off)));
        }
        List<String> texts = new ArrayList<>();
        for (Object f; (f = ch.readInbound()) != null; ) {
            TextWebSocketFrame t = (TextWebSocketFrame) f;
            assertThat(t.isFinalFragment()).isTrue();
            texts.add(t.text());
            t.release();
        }
        ch.finishAndReleaseAll();
        return texts;
    }

    private static byte[] payload(int size) {
        byte[] p = new byte[size];
        Arrays.fill(p, (byte) 'x');
        return p;
    }

    @Test
    void eachMessageIsOneTextFrameByteForByteAsNettyEncodesItAroundEveryLengthForm() {
        // 7-bit lengths up to 125, 16-bit from 126 to 65535, 64-bit past
        int[] sizes = {0, 1, 124, 125, 126, 127, 65534, 65535, 65536, 65537, 200_000};
        FrameBatch b = new FrameBatch(alloc, false);
        List<byte[]> payloads = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        long wire = 0;
        for (int size : sizes) {
            byte[] whole = payload(size);
            int split = size / 3;
            b.add(Arrays.copyOf(whole, split), Arrays.copyOfRange(whole, split, size));
            payloads.add(whole);
            texts.add(new String(whole, StandardCharsets.US_ASCII));
            wire += size + (size <= 125 ? 2 : size <= 65535 ? 4 : 10);
        }
        assertThat(b.messages()).isEqualTo(sizes.length);
        assertThat(b.bytes()).as("wire bytes, headers included").isEqualTo(wire);
        byte[] ours = drained(b);
        assertThat(ours).isEqualTo(nettyEncoded(payloads));
        assertThat(clientReads(ours, 4096)).isEqualTo(texts);
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
        assertThat(b.drain()).as("nothing to write").isEmpty();
    }

    @Test
    void framesAndTheirHeadersSpanningChunksAreWholeAndInOrder() {
        FrameBatch b = new FrameBatch(alloc, false);
        List<byte[]> payloads = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        // sizes that put a chunk's end at every offset of headers and payloads, 2-, 4- and 10-byte headers
        for (int i = 0; i < 3000; i++) {
            int size = i % 97 == 5 ? 70_000 + i : i % 13 == 0 ? 126 + i % 300 : 3 + i % 123;
            byte[] body = ("\"seq\":" + i + ",\"x\":\"" + "y".repeat(size) + "\"}").getBytes(StandardCharsets.US_ASCII);
            b.add(HEAD, body);
            byte[] whole = new byte[HEAD.length + body.length];
            System.arraycopy(HEAD, 0, whole, 0, HEAD.length);
            System.arraycopy(body, 0, whole, HEAD.length, body.length);
            payloads.add(whole);
            texts.add(new String(whole, StandardCharsets.US_ASCII));
        }
        assertThat(b.chunks()).isGreaterThan(20);
        byte[] ours = drained(b);
        assertThat(ours).isEqualTo(nettyEncoded(payloads));
        assertThat(clientReads(ours, FrameBatch.CHUNK_BYTES)).isEqualTo(texts);
        assertThat(clientReads(ours, 7)).isEqualTo(texts);
        assertThat(b.chunks()).isZero();
    }

    @Test
    void aClearedBatchLetsItsChunksGoAndADrainedOneIsTheWritersToRelease() {
        long before = alloc.metric().usedDirectMemory();
        FrameBatch b = new FrameBatch(alloc, false);
        for (int i = 0; i < 64 * 1024; i++) {
            b.add(HEAD, BODY);
        }
        assertThat(alloc.metric().usedDirectMemory()).isGreaterThan(before);
        b.clear();
        assertThat(alloc.metric().usedDirectMemory()).isEqualTo(before);
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.chunks()).isZero();

        b.add(HEAD, BODY);
        drained(b);
        assertThat(alloc.metric().usedDirectMemory()).isEqualTo(before);
    }

    @Test
    void oneThreadOwnsABatchUntilItIsDrainedAsConnectionSays() throws Exception {
        FrameBatch b = new FrameBatch(alloc, false);
        b.add(HEAD, BODY);
        Throwable other = CompletableFuture.supplyAsync(() -> {
            try {
                b.add(HEAD, BODY);
                return null;
            } catch (Throwable t) {
                return t;
            }
        }).get();
        assertThat(other).as("with assertions on (surefire's default)").isInstanceOf(AssertionError.class)
                .hasMessageContaining("one thread owns a batch until its flush");
        b.clear();
        CompletableFuture.runAsync(() -> b.add(HEAD, BODY)).get(); // emptied: anyone's again
        assertThat(b.bytes()).isEqualTo(2 + HEAD.length + BODY.length);
        b.clear();
    }

    /** The lines of frames as a client of subprotocol poxlog-jsonl reads them: each frame must end with a newline. */
    private static List<String> lines(List<String> frames) {
        List<String> out = new ArrayList<>();
        for (String f : frames) {
            assertThat(f).as("a frame of lines ends with its last line's newline").endsWith("\n");
            out.addAll(Arrays.asList(f.substring(0, f.length() - 1).split("\n", -1)));
        }
        return out;
    }

    @Test
    void withLinesMessagesShareFramesUpToTheBoundEachFollowedByANewlineAndABigOneIsAlone() {
        FrameBatch b = new FrameBatch(alloc, true);
        List<String> texts = new ArrayList<>();
        // small ones, some exactly filling a frame, and ones past the bound (10-byte headers)
        int[] sizes = new int[4000];
        for (int i = 0; i < sizes.length; i++) {
            sizes[i] = i == 700 ? FrameBatch.LINE_FRAME_BYTES - 1 : i % 501 == 3 ? 70_000 + i : i % 17 == 0 ? 126 + i : 3 + i % 200;
        }
        for (int size : sizes) {
            byte[] whole = payload(size);
            int split = size / 2;
            b.add(Arrays.copyOf(whole, split), Arrays.copyOfRange(whole, split, size));
            texts.add(new String(whole, StandardCharsets.US_ASCII));
        }
        assertThat(b.messages()).isEqualTo(sizes.length);
        long counted = b.bytes();
        ByteBuf[] chunks = b.drain();
        List<byte[]> payloads = new ArrayList<>();
        ByteBuf wire = Unpooled.buffer();
        for (ByteBuf c : chunks) {
            // each chunk is one frame: header then payload, the header's length the frame's
            byte[] frame = new byte[c.readableBytes()];
            c.getBytes(c.readerIndex(), frame);
            int len = frame[1] & 0x7f;
            int header = len == 126 ? 4 : len == 127 ? 10 : 2;
            payloads.add(Arrays.copyOfRange(frame, header, frame.length));
            wire.writeBytes(c);
            c.release();
        }
        assertThat(counted).as("counted: every byte but the last frame's header, written at the drain")
                .isLessThanOrEqualTo(wire.readableBytes()).isGreaterThanOrEqualTo(wire.readableBytes() - FrameBatch.MAX_HEADER);
        byte[] ours = new byte[wire.readableBytes()];
        wire.readBytes(ours);
        assertThat(ours).as("each header minimal, byte for byte as Netty encodes the same payloads").isEqualTo(nettyEncoded(payloads));
        List<String> frames = clientReads(ours, 4096);
        assertThat(lines(frames)).isEqualTo(texts);
        assertThat(frames.size()).as("far fewer frames than messages").isLessThan(sizes.length / 10);
        for (String f : frames) {
            assertThat(f.length() <= FrameBatch.LINE_FRAME_BYTES || f.indexOf('\n') == f.length() - 1)
                    .as("a frame past the bound holds one message alone").isTrue();
        }
        assertThat(frames).as("the message past the bound").anyMatch(f -> f.length() == 70_000 + 3 + 1);
        assertThat(frames).as("one filling a frame exactly").anyMatch(f -> f.length() == FrameBatch.LINE_FRAME_BYTES);
        assertThat(b.isEmpty()).isTrue();
        assertThat(b.bytes()).isZero();
        assertThat(b.drain()).isEmpty();
    }

    @Test
    void withLinesAClearedBatchLetsItsChunksGoAndOneMessageIsAFrameOfOneLine() {
        long before = alloc.metric().usedDirectMemory();
        FrameBatch b = new FrameBatch(alloc, true);
        for (int i = 0; i < 10_000; i++) {
            b.add(HEAD, BODY);
        }
        b.clear();
        assertThat(alloc.metric().usedDirectMemory()).isEqualTo(before);
        b.add(HEAD, BODY);
        assertThat(b.bytes()).isEqualTo(HEAD.length + BODY.length + 1);
        byte[] one = drained(b);
        assertThat(clientReads(one, 3)).containsExactly(new String(HEAD, StandardCharsets.US_ASCII)
                + new String(BODY, StandardCharsets.US_ASCII) + "\n");
        assertThat(alloc.metric().usedDirectMemory()).isEqualTo(before);
    }
}

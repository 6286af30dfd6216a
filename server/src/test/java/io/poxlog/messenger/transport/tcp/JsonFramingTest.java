package io.poxlog.messenger.transport.tcp;

import io.poxlog.messenger.transport.netty.MalformedMessageException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The framer and codec of a messenger pipeline, fed the byte streams PROTOCOL.md §1 allows. */
class JsonFramingTest {
    private final EmbeddedChannel ch = new EmbeddedChannel(new JsonObjectFramer(256), JsonMessageDecoder.INSTANCE);

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private List<ObjectNode> drain() {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    @Test
    void twoConcatenatedObjectsWithoutSeparatorAreTwoMessages() {
        ch.writeInbound(bytes("{\"a\":1}{\"b\":2}"));
        assertThat(drain()).extracting(Object::toString).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anObjectSplitAcrossReadsIsOneMessage() {
        ch.writeInbound(bytes("{\"CHANNEL\":\"up"));
        assertThat(drain()).isEmpty();
        ch.writeInbound(bytes("per\",\"msg\":\"a}{\"}"));
        assertThat(drain()).extracting(Object::toString).containsExactly("{\"CHANNEL\":\"upper\",\"msg\":\"a}{\"}");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void oneByteAtATimeStillMakesWholeMessages() {
        String stream = "{\"x\":[1,{\"y\":\"}\"}]} {\"z\":\"\\\"\"}";
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        assertThat(drain()).extracting(Object::toString)
                .containsExactly("{\"x\":[1,{\"y\":\"}\"}]}", "{\"z\":\"\\\"\"}");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void whitespaceAndNewlinesBetweenObjectsAreIgnored() {
        ch.writeInbound(bytes("  \n{\"a\":1}\n\n\t {\"b\":2}\r\n"));
        assertThat(drain()).hasSize(2);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void multiByteUtf8SplitInsideACharacterIsDecodedWhole() {
        byte[] all = "{\"msg\":\"h\u00e9llo \u2603\"}".getBytes(StandardCharsets.UTF_8);
        ch.writeInbound(Unpooled.wrappedBuffer(all, 0, 10));
        ch.writeInbound(Unpooled.wrappedBuffer(all, 10, all.length - 10));
        assertThat(drain()).singleElement().satisfies(m -> assertThat(m.get("msg").asText()).isEqualTo("h\u00e9llo \u2603"));
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anArrayIsRefusedButTheStreamGoesOn() {
        assertThatThrownBy(() -> ch.writeInbound(bytes("[1,2]")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessage("a message must be a JSON object, not a JSON array");
        ch.writeInbound(bytes("{\"ok\":true}"));
        assertThat(drain()).hasSize(1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void badJsonInsideBracesIsRefusedButTheStreamGoesOn() {
        assertThatThrownBy(() -> ch.writeInbound(bytes("{\"a\": tru}")))
                .isInstanceOf(MalformedMessageException.class)
                .hasMessageStartingWith("invalid JSON: ");
        ch.writeInbound(bytes("{\"ok\":true}"));
        assertThat(drain()).hasSize(1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void garbageThatCanNeverBeAnObjectCorruptsTheStreamNamingOnlyTheByte() {
        ch.writeInbound(bytes("{\"a\":1}\n"));
        assertThatThrownBy(() -> ch.writeInbound(bytes("hello secret-token")))
                .isInstanceOf(CorruptedFrameException.class)
                .hasMessage("byte 0x68 ('h') at byte 8 of the stream cannot start a JSON object");
        assertThat(drain()).hasSize(1);
        ch.writeInbound(bytes("{\"after\":1}"));
        assertThat(drain()).as("the rest of a stream out of step is discarded").isEmpty();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anEscapedBackslashBeforeAQuoteEndsTheString() {
        ch.writeInbound(bytes("{\"a\":\"\\\\\"}{\"b\":\"\\\"}\"}"));
        assertThat(drain()).extracting(m -> m.toString())
                .containsExactly("{\"a\":\"\\\\\"}", "{\"b\":\"\\\"}\"}");
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anObjectOneByteOverTheLimitIsRefused() {
        String prefix = "{\"m\":\"";
        String over = prefix + "y".repeat(257 - prefix.length() - 2) + "\"}";
        assertThat(over).hasSize(257);
        ch.writeInbound(bytes("{}"));
        assertThatThrownBy(() -> ch.writeInbound(bytes(over)))
                .isInstanceOf(FrameTooLargeException.class)
                .hasMessage("a JSON value starting at byte 2 of the stream is larger than the limit of 256 bytes");
        assertThat(drain()).hasSize(1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aBareNumberCorruptsTheStream() {
        assertThatThrownBy(() -> ch.writeInbound(bytes("42 ")))
                .isInstanceOf(CorruptedFrameException.class);
        ch.finishAndReleaseAll();
    }

    @Test
    void anObjectLargerThanTheLimitIsRefusedWithTheLimitInTheMessage() {
        String big = "{\"msg\":\"" + "x".repeat(300) + "\"}";
        assertThatThrownBy(() -> ch.writeInbound(bytes(big)))
                .isInstanceOf(TooLongFrameException.class)
                .hasMessageContaining("256");
        ch.finishAndReleaseAll();
    }

    @Test
    void anObjectExactlyAtTheLimitIsAccepted() {
        String prefix = "{\"m\":\"";
        String exact = prefix + "y".repeat(256 - prefix.length() - 2) + "\"}";
        assertThat(exact).hasSize(256);
        ch.writeInbound(bytes(exact));
        assertThat(drain()).hasSize(1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void aStreamOfObjectsJustUnderTheLimitSplitAcrossReadsIsAllAccepted() {
        String prefix = "{\"m\":\"";
        String justUnder = prefix + "z".repeat(255 - prefix.length() - 2) + "\"}";
        assertThat(justUnder).hasSize(255);
        byte[] stream = (justUnder + " ").repeat(40).getBytes(StandardCharsets.UTF_8);
        // Reads that straddle objects, as TCP delivers them: the buffer is never empty between them.
        List<Object> reads = new ArrayList<>();
        for (int i = 0; i < stream.length; i += 100) {
            reads.add(Unpooled.wrappedBuffer(stream, i, Math.min(100, stream.length - i)));
        }
        ch.writeInbound(reads.toArray());
        assertThat(drain()).hasSize(40);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void theBytesHeldForARefusedValueAreLetGoAtOnceNotWhenTheConnectionCloses() {
        // One read, so the framer holds this very buffer: the connection lingers, half-closed,
        // before it closes, and a client could keep many such connections lingering.
        ByteBuf tooLarge = bytes("{\"m\":\"" + "y".repeat(300));
        assertThatThrownBy(() -> ch.writeInbound(tooLarge)).isInstanceOf(FrameTooLargeException.class);
        assertThat(tooLarge.refCnt()).as("references to the refused value's bytes").isZero();
        ByteBuf garbage = bytes("garbage that can never be JSON");
        EmbeddedChannel other = new EmbeddedChannel(new JsonObjectFramer(256));
        assertThatThrownBy(() -> other.writeInbound(garbage)).isInstanceOf(NotJsonException.class);
        assertThat(garbage.refCnt()).as("references to bytes after a byte that cannot start a value").isZero();
        assertThat(other.finish()).isFalse();
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void anObjectPastTheLimitIsRefusedBeforeItEndsSoNoMoreThanTheLimitIsHeld() {
        ch.writeInbound(bytes("{\"m\":\"" + "y".repeat(250)));
        assertThat(drain()).isEmpty();
        assertThatThrownBy(() -> ch.writeInbound(bytes("y".repeat(10))))
                .isInstanceOf(FrameTooLargeException.class);
        assertThat(ch.finish()).isFalse();
    }
}

package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WsClient;
import io.poxlog.web.WebSettings;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bad input over WebSocket (PROTOCOL.md §12): each is answered with an error naming what was
 * wrong, and closed with its code where the connection cannot go on, while a second WebSocket
 * subscriber and a TCP canary keep receiving records.
 */
class WsBadInputTest {
    private static final int LIMIT = 4096;

    private static WsFixture fixture() throws Exception {
        return new WsFixture(WsSettings.DEFAULTS.withMaxFrameBytes(LIMIT), WebSettings.DEFAULTS, null);
    }

    /** The other subscriber still gets a record logged after the attack. */
    private static void stillReceives(WsFixture fx, WsClient other) throws Exception {
        String marker = "after-" + UUID.randomUUID();
        fx.logger("ws.other").warn(marker);
        assertThat(other.next(m -> marker.equals(m.path("message").asText())).get("name").asText()).isEqualTo("ws.other");
    }

    @Test
    void aBinaryFrameIsAnsweredAndClosedWith1003() throws Exception {
        try (WsFixture fx = fixture();
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             WsClient other = fx.subscriber("");
             WsClient attacker = fx.client()) {
            attacker.socket().sendBinary(ByteBuffer.wrap("{\"CHANNEL\":\"upper\",\"msg\":\"x\"}".getBytes()), true).join();
            JsonNode error = attacker.next();
            assertThat(error.get("cmd").asText()).isEqualTo("error");
            assertThat(error.get("error").asText()).startsWith("a binary frame; this server takes text frames")
                    .endsWith("closing the connection");
            assertThat(attacker.awaitClose()).isEqualTo(1003);
            stillReceives(fx, other);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aFrameThatIsNotOneJsonObjectIsAnsweredAndTheConnectionGoesOn() throws Exception {
        try (WsFixture fx = fixture();
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             WsClient other = fx.subscriber("");
             WsClient c = fx.client()) {
            c.send("{\"CHANNEL\":\"upper\",");
            assertThat(c.next().get("error").asText()).startsWith("invalid JSON");
            c.send("[1,2]");
            assertThat(c.next().get("error").asText()).isEqualTo("a message must be a JSON object, not a JSON array");
            c.send("42");
            assertThat(c.next().get("error").asText()).isEqualTo("a message must be a JSON object, not a JSON number");
            c.send("{\"a\":1}{\"b\":2}");
            assertThat(c.next().get("error").asText()).startsWith("a frame must hold one JSON object");
            c.send("   ");
            assertThat(c.next().get("error").asText()).isEqualTo("a message must be a JSON object, not nothing");
            c.send("{\"CHANNEL\":\"upper\",\"msg\":\"fine\"}");
            assertThat(c.next().get("msg").asText()).isEqualTo("FINE");
            assertThat(c.isClosed()).isFalse();
            stillReceives(fx, other);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aFrameOverTheLimitIsAnsweredAndClosedWith1009() throws Exception {
        try (WsFixture fx = fixture();
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             WsClient other = fx.subscriber("");
             WsClient attacker = fx.client()) {
            attacker.send("{\"msg\":\"" + "x".repeat(LIMIT) + "\"}");
            assertThat(attacker.next().get("error").asText())
                    .isEqualTo("message larger than the limit of " + LIMIT + " bytes; closing the connection");
            assertThat(attacker.awaitClose()).isEqualTo(1009);
            stillReceives(fx, other);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aFragmentedMessageIsBoundedAsItsFragmentsArriveAndClosedWith1009() throws Exception {
        try (WsFixture fx = fixture();
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             WsClient other = fx.subscriber("");
             WsClient attacker = fx.client()) {
            // Each fragment well under the limit; together past it, and never finished.
            attacker.socket().sendText("{\"msg\":\"", false).join();
            for (int i = 0; i < 8; i++) {
                try {
                    attacker.socket().sendText("y".repeat(LIMIT / 4), false).join();
                } catch (java.util.concurrent.CompletionException closedPastTheLimit) {
                    break; // the server may close as soon as the fragments pass the limit
                }
            }
            assertThat(attacker.next().get("error").asText())
                    .isEqualTo("message larger than the limit of " + LIMIT + " bytes; closing the connection");
            assertThat(attacker.awaitClose()).isEqualTo(1009);
            stillReceives(fx, other);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aFragmentedMessageWithinTheLimitIsOneMessage() throws Exception {
        try (WsFixture fx = fixture(); WsClient c = fx.client()) {
            c.socket().sendText("{\"CHANNEL\":\"upper\",", false).join();
            c.socket().sendText("\"msg\":\"in parts\"}", true).join();
            assertThat(c.next().get("msg").asText()).isEqualTo("IN PARTS");
        }
    }
}

package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.WireClient;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real server on an ephemeral loopback port and real sockets sending the bytes POX clients
 * send: objects with no newline after them.
 */
class TcpTransportEndToEndTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(TcpSettings.DEFAULTS.withMaxFrameBytes(4096), Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void thePoxWalkthroughUpperRoundTripWorks() throws Exception {
        try (WireClient c = server.client()) {
            JsonNode welcome = c.welcome();
            assertThat(welcome.get("CHANNEL").asText()).isEmpty();
            assertThat(welcome.get("session_id").asText()).isNotBlank();
            c.sendRaw("{\"CHANNEL\": \"upper\", \"msg\": \"hello world\"}");
            assertThat(c.next().toString()).isEqualTo("{\"count\":1,\"msg\":\"HELLO WORLD\",\"CHANNEL\":\"upper\"}");
            c.sendRaw("{\"CHANNEL\": \"upper\", \"msg\": \"again\"}");
            assertThat(c.next().get("count").asInt()).isEqualTo(2);
        }
    }

    @Test
    void theWelcomeIsTheFirstBytesOnTheWire() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            InputStream in = s.getInputStream();
            byte[] first = new byte[12];
            int n = in.readNBytes(first, 0, first.length);
            assertThat(new String(first, 0, n, StandardCharsets.UTF_8)).isEqualTo("{\"CHANNEL\":\"");
        }
    }

    @Test
    void severalObjectsInOneWriteAndOneObjectInManyWritesAreAllHandled() throws Exception {
        try (WireClient c = server.client()) {
            c.welcome();
            c.sendRaw("{\"test\":\"a\"}{\"test\":\"b\"} \n{\"test\":\"c\"}");
            assertThat(c.next().get("test").asText()).isEqualTo("A");
            assertThat(c.next().get("test").asText()).isEqualTo("B");
            assertThat(c.next().get("test").asText()).isEqualTo("C");
            for (char ch : "{\"test\":\"split\"}".toCharArray()) {
                c.sendRaw(String.valueOf(ch));
            }
            assertThat(c.next().get("test").asText()).isEqualTo("SPLIT");
        }
    }

    @Test
    void newlinesModeEndsEveryObjectWithANewlineOnTheWire() throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("{\"newlines\":true}{\"test\":\"x\"}".getBytes(StandardCharsets.UTF_8));
            InputStream in = s.getInputStream();
            StringBuilder seen = new StringBuilder();
            while (!seen.toString().endsWith("\"CHANNEL\":\"\"}\n")) {
                int b = in.read();
                assertThat(b).as("stream ended early: " + seen).isNotNegative();
                seen.append((char) b);
            }
            assertThat(seen.toString()).endsWith("{\"test\":\"X\",\"CHANNEL\":\"\"}\n");
        }
    }

    @Test
    void aNonObjectFrameGetsAnErrorAndTheConnectionGoesOn() throws Exception {
        try (WireClient c = server.client()) {
            c.welcome();
            c.sendRaw("[1,2,3]");
            JsonNode err = c.next();
            assertThat(err.get("cmd").asText()).isEqualTo("error");
            assertThat(err.get("CHANNEL").asText()).isEmpty();
            assertThat(err.get("error").asText()).isEqualTo("a message must be a JSON object, not a JSON array");
            c.sendRaw("{\"a\": nope}");
            assertThat(c.next().get("error").asText()).startsWith("invalid JSON");
            c.sendRaw("{\"test\":\"alive\"}");
            assertThat(c.next().get("test").asText()).isEqualTo("ALIVE");
        }
    }

    @Test
    void garbageGetsAnErrorAndClosesOnlyThatConnection() throws Exception {
        try (WireClient good = server.client(); WireClient bad = server.client()) {
            good.welcome();
            bad.welcome();
            bad.sendRaw("GET / HTTP/1.1\r\n\r\n");
            JsonNode err = bad.next();
            assertThat(err.get("error").asText()).contains("not a JSON object").contains("closing the connection");
            bad.awaitClosed();
            good.sendRaw("{\"CHANNEL\":\"upper\",\"msg\":\"fine\"}");
            assertThat(good.next().get("msg").asText()).isEqualTo("FINE");
        }
    }

    @Test
    void anOversizedFrameGetsAnErrorNamingTheLimitAndClosesOnlyThatConnection() throws Exception {
        try (WireClient good = server.client(); WireClient bad = server.client()) {
            good.welcome();
            bad.welcome();
            bad.sendRaw("{\"msg\":\"" + "x".repeat(10_000) + "\"}");
            assertThat(bad.next().get("error").asText())
                    .isEqualTo("message larger than the limit of 4096 bytes; closing the connection");
            bad.awaitClosed();
            good.sendRaw("{\"test\":\"ok\"}");
            assertThat(good.next().get("test").asText()).isEqualTo("OK");
        }
    }

    @Test
    void aClientThatDisconnectsMidObjectHarmsNobody() throws Exception {
        try (WireClient good = server.client()) {
            good.welcome();
            WireClient quitter = server.client();
            quitter.welcome();
            quitter.sendRaw("{\"CHANNEL\":\"up");
            quitter.close();
            good.sendRaw("{\"test\":\"ok\"}");
            assertThat(good.next().get("test").asText()).isEqualTo("OK");
        }
    }

    @Test
    void unicodeSurvivesTheRoundTrip() throws Exception {
        try (WireClient c = server.client()) {
            c.welcome();
            c.sendRaw("{\"CHANNEL\":\"upper\",\"msg\":\"gr\u00fc\u00dfe \u2603\"}");
            assertThat(c.next().get("msg").asText()).isEqualTo("GR\u00dcSSE \u2603");
        }
    }
}

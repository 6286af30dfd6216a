package io.poxlog.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.ws.WsSettings;
import io.poxlog.messenger.transport.ws.WsTransport;
import io.poxlog.testing.WsClient;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the WebSocket transport's frames (PROTOCOL.md §12): after a real upgrade on a real
 * socket, any bytes (bad opcodes, unmasked frames, length fields of 2^63, fragments past the
 * limit, text that is not UTF-8, control frames too long or fragmented, closes with codes no
 * peer may send) must be answered only with well-formed server frames: unmasked, whole (the server
 * never fragments), text frames one JSON object each and never an internal error, closes with a
 * code of §12's; and a second WebSocket, open throughout, must still be answered afterwards.
 *
 * <p>{@code mvn verify} replays the corpus in {@code WebSocketFrameFuzzTestInputs} as ordinary
 * tests; {@code JAZZER_FUZZ=1 mvn -pl server test-compile surefire:test@fuzz-corpus} fuzzes for
 * real (see {@link FramingAndDispatchFuzzTest}).
 */
class WebSocketFrameFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Small, so that the corpus can pass it with a few KiB. */
    static final int MAX_FRAME_BYTES = 4096;
    /** The codes §12 has the server close with (and it answers a peer's close with the peer's code). */
    private static final Set<Integer> CLOSE_CODES = Set.of(1000, 1001, 1002, 1003, 1007, 1008, 1009);

    private static Nexus nexus;
    private static ExampleServices examples;
    private static WebServer web;
    private static WsTransport ws;
    private static WsClient witness;
    private static ServerTrouble trouble;

    @BeforeAll
    static void start() throws Exception {
        nexus = new Nexus();
        examples = new ExampleServices(nexus, Duration.ofSeconds(10)).start();
        web = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0));
        ws = new WsTransport(nexus, WsSettings.DEFAULTS.withMaxFrameBytes(MAX_FRAME_BYTES)).mountOn(web);
        web.start();
        witness = WsClient.connect(URI.create("ws://127.0.0.1:" + web.boundAddress().getPort() + WsTransport.PATH), Map.of());
        witness.welcome();
        // In a channel, so that the idle limit leaves it open however long the fuzzer takes.
        witness.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"witness\"}");
        witness.send("{\"test\":\"joined\"}");
        witness.next(m -> m.has("test"));
        trouble = ServerTrouble.watch();
    }

    @AfterAll
    static void stop() throws Exception {
        trouble.close();
        witness.close();
        ws.stop();
        web.stop();
        examples.stop();
        nexus.stop(5, TimeUnit.SECONDS);
    }

    @FuzzTest(maxDuration = "2m")
    void anyFramesAreAnsweredWellAndHarmNobody(byte[] input) throws Exception {
        int port = web.boundAddress().getPort();
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, p) -> p == port);
             Socket s = new Socket()) {
            s.setSoLinger(true, 0); // no TIME_WAIT: a fuzzing run opens very many connections
            s.connect(web.boundAddress(), 5000);
            s.setSoTimeout(15_000); // a server that neither answers nor closes is a failure
            DataInputStream in = upgrade(s, port);
            OutputStream out = s.getOutputStream();
            try {
                out.write(input);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedOnUs) {
                // The server may close first (a limit): what it sent is still checked.
            }
            checkEveryFrame(in);
        }
        assertThat(witness.isClosed()).as("the witness is open").isFalse();
        String marker = "w" + System.nanoTime();
        witness.send("{\"test\":\"" + marker + "\"}");
        assertThat(witness.next(m -> m.has("test")).get("test").asText()).isEqualTo(marker.toUpperCase());
        assertThat(witness.isClosed()).isFalse();
        trouble.assertNone();
    }

    /** Upgrades {@code s} and reads the welcome; the stream is then at the server's next frame. */
    private static DataInputStream upgrade(Socket s, int port) throws IOException {
        s.getOutputStream().write(("GET " + WsTransport.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(s.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101 ");
        JsonNode welcome = MAPPER.readTree(frame(in).payload);
        assertThat(welcome.path("cmd").asText()).isEqualTo("welcome");
        return in;
    }

    private record Frame(boolean fin, int opcode, byte[] payload) {
    }

    /** The server's next frame, checked for the form every server frame has; null at the end. */
    private static Frame frame(DataInputStream in) throws IOException {
        int b0 = in.read();
        if (b0 < 0) {
            return null;
        }
        int b1 = in.readUnsignedByte();
        assertThat(b0 & 0x70).as("no reserved bits: no extension was agreed").isZero();
        assertThat(b1 & 0x80).as("server frames are never masked").isZero();
        long len = b1 & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = in.readLong();
        }
        assertThat(len).as("a frame the server sent is at most a message of the limit, and the limit of our own errors")
                .isBetween(0L, 1024L * 1024);
        byte[] payload = new byte[(int) len];
        in.readFully(payload);
        return new Frame((b0 & 0x80) != 0, b0 & 0x0f, payload);
    }

    /** Reads frames until the server closes: each well-formed, a text one an object, a close one with a code of §12's. */
    private static void checkEveryFrame(DataInputStream in) throws IOException {
        try {
            for (Frame f = frame(in); f != null; f = frame(in)) {
                assertThat(f.fin()).as("the server never fragments").isTrue();
                assertThat(f.opcode()).as("text, close, ping or pong").isIn(0x1, 0x8, 0x9, 0xA);
                if (f.opcode() == 0x1) {
                    JsonNode m = MAPPER.readTree(utf8(f.payload()));
                    assertThat(m.isObject()).as("one JSON object: %s", m).isTrue();
                    assertThat(m.path("error").asText()).as("never an internal error").doesNotContainIgnoringCase("internal");
                } else if (f.opcode() == 0x8) {
                    assertThat(f.payload().length).as("a close's payload").isNotEqualTo(1).isLessThanOrEqualTo(125);
                    if (f.payload().length >= 2) {
                        int code = ((f.payload()[0] & 0xff) << 8) | (f.payload()[1] & 0xff);
                        assertThat(CLOSE_CODES.contains(code) || code >= 3000 && code <= 4999)
                                .as("a close code of PROTOCOL.md §12, or the peer's own of 3000 to 4999, not %d", code).isTrue();
                        utf8(java.util.Arrays.copyOfRange(f.payload(), 2, f.payload().length));
                    }
                    return; // nothing may follow a close; not waiting for the server's linger keeps the corpus quick
                } else {
                    assertThat(f.payload().length).as("a control frame's payload").isLessThanOrEqualTo(125);
                }
            }
        } catch (SocketException | EOFException cut) {
            // Closed by the server with input unread (a reset), or in the middle of a frame: it went, as it may.
        }
    }

    private static String utf8(byte[] b) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
    }
}

package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Frames the JDK's client cannot send (PROTOCOL.md §12): a text frame that is not UTF-8 (1007)
 * and an unmasked client frame (1002), written on a raw socket; and a peer that never pongs (1001).
 */
class WsRawFramesTest {

    /** A server frame read off the socket: its opcode and payload. */
    private record Frame(int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        int closeCode() {
            return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }
    }

    private static Socket upgrade(WsFixture fx) throws IOException {
        Socket s = new Socket("127.0.0.1", fx.web.boundAddress().getPort());
        s.setSoTimeout(20_000);
        s.getOutputStream().write(("GET " + WsTransport.PATH + " HTTP/1.1\r\nHost: 127.0.0.1:" + fx.web.boundAddress().getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        DataInputStream in = new DataInputStream(s.getInputStream());
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            head.write(in.readUnsignedByte());
        }
        assertThat(head.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
        return s;
    }

    private static Frame read(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        int b0 = in.readUnsignedByte();
        int len = in.readUnsignedByte() & 0x7f;
        if (len == 126) {
            len = in.readUnsignedShort();
        } else if (len == 127) {
            len = (int) in.readLong();
        }
        byte[] payload = new byte[len];
        in.readFully(payload);
        return new Frame(b0 & 0x0f, payload);
    }

    /** The next frame that is not a ping. */
    private static Frame next(Socket s) throws IOException {
        Frame f;
        do {
            f = read(s);
        } while (f.opcode() == 9);
        return f;
    }

    private static void send(OutputStream out, int opcode, byte[] payload, boolean masked) throws IOException {
        out.write(0x80 | opcode);
        out.write((masked ? 0x80 : 0) | payload.length); // short payloads only
        byte[] mask = {1, 2, 3, 4};
        if (masked) {
            out.write(mask);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
        }
        out.flush();
    }

    @Test
    void aTextFrameThatIsNotUtf8IsAnsweredAndClosedWith1007() throws Exception {
        try (WsFixture fx = new WsFixture(); Socket s = upgrade(fx)) {
            assertThat(next(s).text()).contains("\"cmd\":\"welcome\"");
            send(s.getOutputStream(), 1, new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, 0x28, '"', '}'}, true);
            assertThat(next(s).text()).contains("a text frame that is not UTF-8; closing the connection");
            Frame close = next(s);
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1007);
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolErrorClosedWith1002() throws Exception {
        try (WsFixture fx = new WsFixture(); Socket s = upgrade(fx)) {
            assertThat(next(s).text()).contains("\"cmd\":\"welcome\"");
            send(s.getOutputStream(), 1, "{\"test\":\"x\"}".getBytes(StandardCharsets.UTF_8), false);
            assertThat(next(s).text()).contains("a malformed WebSocket frame");
            Frame close = next(s);
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1002);
        }
    }

    @Test
    void aPingIsAnsweredWithAPongOfTheSamePayload() throws Exception {
        try (WsFixture fx = new WsFixture(); Socket s = upgrade(fx)) {
            assertThat(next(s).text()).contains("\"cmd\":\"welcome\"");
            send(s.getOutputStream(), 9, "abc".getBytes(StandardCharsets.UTF_8), true);
            Frame pong = next(s);
            assertThat(pong.opcode()).isEqualTo(10);
            assertThat(pong.text()).isEqualTo("abc");
        }
    }

    @Test
    void aPeerThatAnswersNoPingIsClosedWith1001AfterTwo() throws Exception {
        WsSettings quick = WsSettings.DEFAULTS.withPingInterval(java.time.Duration.ofMillis(200));
        try (WsFixture fx = new WsFixture(quick, io.poxlog.web.WebSettings.DEFAULTS, null); Socket s = upgrade(fx)) {
            assertThat(next(s).text()).contains("\"cmd\":\"welcome\"");
            int pings = 0;
            Frame f;
            while ((f = read(s)).opcode() == 9) {
                pings++;
            }
            assertThat(pings).isEqualTo(2);
            assertThat(f.opcode()).isEqualTo(8);
            assertThat(f.closeCode()).isEqualTo(1001);
        }
    }

    @Test
    void aCloseFrameIsAnsweredWithItsCodeAndOneWithACodeThatMayNotBeSentIsAProtocolError() throws Exception {
        try (WsFixture fx = new WsFixture()) {
            for (int[] sentAndAnswered : new int[][] {{1000, 1000}, {4001, 4001}, {1006, 1002}}) {
                try (Socket s = upgrade(fx)) {
                    assertThat(next(s).text()).contains("\"cmd\":\"welcome\"");
                    int code = sentAndAnswered[0];
                    send(s.getOutputStream(), 8, new byte[] {(byte) (code >> 8), (byte) code}, true);
                    Frame close = next(s);
                    while (close.opcode() == 1) { // the error that comes before a refusal's close
                        assertThat(close.text()).contains("a malformed WebSocket frame");
                        close = next(s);
                    }
                    assertThat(close.opcode()).isEqualTo(8);
                    assertThat(close.closeCode()).isEqualTo(sentAndAnswered[1]);
                }
            }
            try (io.poxlog.testing.WsClient other = fx.client()) {
                other.send("{\"test\":\"after\"}");
                assertThat(other.next().get("test").asText()).isEqualTo("AFTER");
            }
        }
    }

    @Test
    void aServersCloseIsFollowedByNoSecondCloseWhenThePeerAnswersIt() throws Exception {
        // A second close frame after the handshake made Chromium fail the connection (1006): its
        // script saw 1006 where the server had sent 1001 (PROTOCOL.md §12, WsTransport.stop).
        try (WsFixture fx = new WsFixture(); Socket s = upgrade(fx)) {
            assertThat(next(s).text()).contains("\"cmd\":\"welcome\"");
            // stop waits for the peers' answers: this thread is the peer
            java.util.concurrent.CompletableFuture<Void> stopped = java.util.concurrent.CompletableFuture.runAsync(fx.ws::stop);
            Frame close = next(s);
            assertThat(close.opcode()).isEqualTo(8);
            assertThat(close.closeCode()).isEqualTo(1001);
            assertThat(new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8))
                    .isEqualTo("the server is stopping");
            send(s.getOutputStream(), 8, new byte[] {(byte) (1001 >> 8), (byte) 1001}, true); // the browser's answer
            assertThat(s.getInputStream().read()).as("the TCP connection ends; no second close frame").isEqualTo(-1);
            stopped.get(20, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}

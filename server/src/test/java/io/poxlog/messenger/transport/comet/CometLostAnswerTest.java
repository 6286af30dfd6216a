package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Await;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * PROTOCOL.md §10.4's lost answers, made certain on a raw socket: a GET whose answer the client
 * never reads (it reads the status line and headers, then resets the connection) is sent again,
 * whole and with its number, to the session's next GET: the one that says what arrived (the
 * header), and, when the server's write failed, the next GET of a POX client (no header). Nothing
 * lost, and nothing sent twice but the answer lost.
 */
class CometLostAnswerTest {
    private WebMessengerFixture fx;
    private CometHttp http;

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private void start(CometSettings settings) throws Exception {
        fx = new WebMessengerFixture(settings, WebSettings.DEFAULTS, null);
        http = new CometHttp(fx);
    }

    /** The head of a GET's answer ({@code n}, the length), on a socket then reset, the body never read. */
    private record Cut(int n, long length) {
    }

    private Cut getAndCutOff(String key, Map<String, String> headers, int receiveBuffer) throws IOException {
        InetSocketAddress server = fx.web.boundAddress();
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(receiveBuffer); // before connecting: the window it offers
            s.connect(server, 5000);
            s.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder("GET /_webmsg/" + key + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            s.getOutputStream().write(req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String status = line(in);
            assertThat(status).isEqualTo("HTTP/1.1 200 OK");
            int n = -1;
            long length = -1;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                String[] kv = h.split(":", 2);
                if (kv[0].equalsIgnoreCase(CometAnswers.SEQUENCE_HEADER)) {
                    n = Integer.parseInt(kv[1].strip());
                } else if (kv[0].equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(kv[1].strip());
                }
            }
            s.setSoLinger(true, 0); // close resets: what was not read is thrown away, certainly lost
            return new Cut(n, length);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.US_ASCII);
    }

    private static List<String> messages(HttpResponse<String> r) throws IOException {
        List<String> out = new ArrayList<>();
        CometHttp.json(r).get("data").forEach(m -> out.add(m.path("msg").asText()));
        return out;
    }

    @Test
    void anAnswerNeverReadIsSentAgainToTheGetThatSaysWhatArrived() throws Exception {
        start(CometSettings.DEFAULTS);
        String key = http.newSession();
        assertThat(CometHttp.json(http.get("/_webmsg/" + key)).get("seq").asInt()).isZero(); // the welcome
        http.post("/_webmsg/" + key, "{\"seq\":101,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"a\"},"
                + "{\"CHANNEL\":\"upper\",\"msg\":\"b\"},{\"CHANNEL\":\"upper\",\"msg\":\"c\"}]}");

        Cut cut = getAndCutOff(key, Map.of(CometAnswers.SEQUENCE_HEADER, "0"), 64 * 1024);
        assertThat(cut.n()).isEqualTo(1);

        HttpResponse<String> again = http.get("/_webmsg/" + key, Map.of(CometAnswers.SEQUENCE_HEADER, "0"));
        assertThat(again.headers().firstValue(CometAnswers.SEQUENCE_HEADER)).hasValue("1");
        assertThat((long) again.body().length()).as("the same answer").isEqualTo(cut.length());
        assertThat(messages(again)).containsExactly("A", "B", "C");

        http.post("/_webmsg/" + key, "{\"seq\":102,\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"d\"}]}");
        HttpResponse<String> next = http.get("/_webmsg/" + key, Map.of(CometAnswers.SEQUENCE_HEADER, "1"));
        assertThat(next.headers().firstValue(CometAnswers.SEQUENCE_HEADER)).hasValue("2");
        assertThat(messages(next)).as("nothing twice").containsExactly("D");
    }

    /**
     * An answer far larger than what the kernel buffers between the two ends (the server's send
     * buffer grows to at most {@code tcp_wmem}'s last figure; the client offers a 4 KiB window and
     * reads only the head), so that its write is certainly still under way when the client resets.
     */
    @Test
    void anAnswerWhoseWriteFailedIsSentAgainToAPoxClientsNextGet() throws Exception {
        int messages = 12;
        int size = 1_000_000;
        long sendBufferBound = sendBufferBound();
        assertThat((long) messages * size).as("the test's premise: more than the send buffer can hold")
                .isGreaterThan(2 * sendBufferBound);
        start(CometSettings.DEFAULTS.withSessions(CometSettings.DEFAULTS.sessions().withMaxBatchBytes(32 << 20)));
        String key = http.newSession();
        http.get("/_webmsg/" + key); // the welcome, answer 0
        String big = "x".repeat(size - 100);
        for (int i = 0; i < messages; i++) {
            http.post("/_webmsg/" + key, "{\"seq\":" + (101 + i) + ",\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"" + i
                    + " " + big + "\"}]}");
        }

        Cut cut = getAndCutOff(key, Map.of(), 4096);
        assertThat(cut.n()).isEqualTo(1);
        assertThat(cut.length()).isGreaterThan((long) messages * (size - 100));
        Await.until("the server sees its write fail", () -> fx.comet.lostAnswers() == 1);

        HttpResponse<String> again = http.get("/_webmsg/" + key);
        assertThat(again.headers().firstValue(CometAnswers.SEQUENCE_HEADER)).as("the same number").hasValue("1");
        assertThat((long) again.body().length()).as("the same answer").isEqualTo(cut.length());
        List<String> got = messages(again);
        assertThat(got).hasSize(messages);
        for (int i = 0; i < messages; i++) {
            assertThat(got.get(i)).startsWith(i + " X");
        }
        assertThat(fx.comet.lostAnswers()).isZero();

        http.post("/_webmsg/" + key, "{\"seq\":" + (101 + messages) + ",\"data\":[{\"CHANNEL\":\"upper\",\"msg\":\"after\"}]}");
        HttpResponse<String> next = http.get("/_webmsg/" + key);
        assertThat(next.headers().firstValue(CometAnswers.SEQUENCE_HEADER)).hasValue("2");
        assertThat(messages(next)).as("nothing twice").containsExactly("AFTER");
    }

    /** The most Linux lets a send buffer grow to by itself (4 MiB by default); 4 MiB elsewhere. */
    private static long sendBufferBound() throws IOException {
        Path wmem = Path.of("/proc/sys/net/ipv4/tcp_wmem");
        if (!Files.isReadable(wmem)) {
            return 4L << 20;
        }
        String[] figures = Files.readString(wmem).strip().split("\\s+");
        return Long.parseLong(figures[figures.length - 1]);
    }
}

package io.poxlog.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.comet.CometTransport;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcTransport;
import io.poxlog.web.StaticFiles;
import io.poxlog.web.WebLimits;
import io.poxlog.web.WebResponse;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes the web server's HTTP parsing and routing end to end: any bytes, sent on a real socket
 * to a real {@code web.webcore} with a static folder, a handler that changes state (behind the
 * Origin and content-type checks), a long poll, CORS for one allowed origin, and the messenger's two HTTP transports (comet at
 * {@code /_webmsg/}, JSON-RPC at {@code /_jrpcmsg/}, on a real nexus with the example services),
 * must be answered only with well-formed HTTP
 * responses, each refusal a JSON error, never a 500, never a file from outside the folder; and
 * another client must still be answered afterwards.
 *
 * <p>{@code mvn verify} replays the corpus in {@code HttpRequestFuzzTestInputs} as ordinary
 * tests; {@code JAZZER_FUZZ=1 mvn -pl server test-compile surefire:test@fuzz-corpus} fuzzes for
 * real (see {@link FramingAndDispatchFuzzTest}).
 */
class HttpRequestFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String SECRET = "SECRET-OUTSIDE-THE-FOLDER";

    private static Path tmp;
    private static WebServer server;
    private static ServerTrouble trouble;
    private static ServerTrouble messengerTrouble;
    private static Nexus nexus;
    private static ExampleServices examples;
    private static CometTransport comet;
    private static JsonRpcTransport jsonrpc;

    @BeforeAll
    static void start() throws Exception {
        tmp = Files.createTempDirectory("poxlog-http-fuzz");
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "<html>index</html>");
        Files.writeString(www.resolve("webmessenger.js"), "var x;");
        Files.writeString(tmp.resolve("secret.txt"), SECRET);
        Files.createSymbolicLink(www.resolve("out.txt"), tmp.resolve("secret.txt"));
        server = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0).withLimits(WebLimits.DEFAULTS
                .withMaxHeaderBytes(1024).withMaxBodyBytes(4096).withIdleTimeout(Duration.ofSeconds(5))
                .withMaxHold(Duration.ofSeconds(1))).withAllowedOrigins(java.util.List.of("http://ops.example"))).start();
        server.mount("/static", new StaticFiles(www));
        server.mount("/ok", e -> e.respond(WebResponse.text(200, "ok")));
        server.mount("/change", e -> {
            if (e.checkStateChange("X-POX-Messenger-Session-Key")) {
                e.respond(WebResponse.json(200, MAPPER.createObjectNode().put("seq", -1)
                        .put("length", e.request().bodyLength())));
            }
        });
        server.mount("/poll", e -> e.hold(Duration.ofMillis(50), () -> WebResponse.text(200, "polled")));
        nexus = new Nexus();
        examples = new ExampleServices(nexus, Duration.ofSeconds(10)).start();
        // sessions expire quickly, so that a long fuzzing run does not fill the per-address limit for good
        CometSettings c = CometSettings.DEFAULTS.withSeqHold(Duration.ofMillis(200));
        comet = new CometTransport(nexus, c.withSessions(c.sessions().withExpiry(Duration.ofSeconds(2)))).mountOn(server);
        JsonRpcSettings j = JsonRpcSettings.DEFAULTS;
        jsonrpc = new JsonRpcTransport(nexus, new JsonRpcSettings(j.sessions().withExpiry(Duration.ofSeconds(2)),
                j.maxHeldMessages(), Duration.ofMillis(200), null, null)).mountOn(server);
        trouble = ServerTrouble.watch("web.webcore");
        messengerTrouble = ServerTrouble.watch("messenger");
    }

    @AfterAll
    static void stop() throws Exception {
        trouble.close();
        messengerTrouble.close();
        comet.stop();
        jsonrpc.stop();
        server.stop();
        examples.stop();
        nexus.stop(5, java.util.concurrent.TimeUnit.SECONDS);
        try (Stream<Path> files = Files.walk(tmp)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @FuzzTest(maxDuration = "2m")
    void anyBytesAreAnsweredWellAndHarmNobody(byte[] input) throws Exception {
        int port = server.boundAddress().getPort();
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, p) -> p == port);
             Socket s = new Socket()) {
            s.setSoLinger(true, 0); // no TIME_WAIT: a fuzzing run opens very many connections
            s.connect(server.boundAddress(), 5000);
            s.setSoTimeout(15_000); // a server that neither answers nor closes is a failure
            OutputStream out = s.getOutputStream();
            try {
                out.write(input);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedOnUs) {
                // The server may close first (a limit): what it answered is still checked.
            }
            checkEverythingReceived(s.getInputStream());
        }
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections((host, p) -> p == port);
             Socket witness = new Socket()) {
            witness.connect(server.boundAddress(), 5000);
            witness.setSoTimeout(15_000);
            witness.getOutputStream().write(("GET /ok HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Map<String, String> headers = new LinkedHashMap<>();
            InputStream in = witness.getInputStream();
            assertThat(status(in, headers)).isEqualTo(200);
            assertThat(new String(in.readNBytes(Integer.parseInt(headers.get("content-length"))), StandardCharsets.UTF_8))
                    .isEqualTo("ok");
        }
        trouble.assertNone();
        messengerTrouble.assertNone();
        assertThat(nexus.failedTasks()).as("no task failed on the nexus thread").isZero();
    }

    /** Reads responses until the server closes: each must be well-formed HTTP, each refusal a JSON error. */
    private static void checkEverythingReceived(InputStream in) throws IOException {
        try {
            while (true) {
                Map<String, String> headers = new LinkedHashMap<>();
                int status = status(in, headers);
                if (status < 0) {
                    return;
                }
                assertThat(status).as("never an internal error").isNotEqualTo(500).isBetween(100, 599);
                if (status == 100) {
                    continue; // the go-ahead for a body (Expect: 100-continue): a status line and no more
                }
                assertThat(headers.get("x-content-type-options")).isEqualTo("nosniff");
                assertThat(headers.get("access-control-allow-origin")).as("never *").isNotEqualTo("*");
                if (status == 204) { // a granted CORS preflight: no body, and no length said
                    assertThat(headers).doesNotContainKey("content-length");
                    continue;
                }
                String length = headers.get("content-length");
                assertThat(length).as("every answer says its length: %s", headers).isNotNull();
                byte[] body = in.readNBytes(Integer.parseInt(length));
                if (body.length < Integer.parseInt(length)) {
                    return; // cut by a close (a reset after unread input): not malformed
                }
                assertThat(new String(body, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET);
                if (status >= 400) {
                    assertThat(headers.get("content-type")).isEqualTo("application/json");
                    JsonNode error = MAPPER.readTree(body);
                    assertThat(error.path("error").asText()).as("an error says what was wrong").isNotBlank();
                }
            }
        } catch (SocketException reset) {
            // Closed by the server with input unread: as above.
        }
    }

    /** The status of the next response (its headers into {@code headers}); -1 at the end of the stream. */
    private static int status(InputStream in, Map<String, String> headers) throws IOException {
        String line = line(in);
        if (line == null) {
            return -1;
        }
        assertThat(line).as("a status line").matches("HTTP/1\\.[01] \\d{3} .*");
        int status = Integer.parseInt(line.substring(9, 12));
        for (String h = line(in); ; h = line(in)) {
            assertThat(h).as("the headers end with an empty line").isNotNull();
            if (h.isEmpty()) {
                return status;
            }
            int colon = h.indexOf(':');
            assertThat(colon).as("a header: %s", h).isPositive();
            headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c >= 0; c = in.read()) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                assertThat(s).as("lines end with CRLF").endsWith("\r");
                return s.substring(0, s.length() - 1);
            }
            b.write(c);
        }
        assertThat(b.size()).as("a response cut in its head").isZero();
        return null;
    }
}

package io.poxlog.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.testing.WireClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Fuzzes framing and dispatch end to end: any bytes, sent on a real socket to a real messenger
 * with the log service and the example services, must be answered only with well-formed
 * messages, must never make a service fail (an "internal error"), and must never harm another
 * client, which still gets its answer afterwards.
 *
 * <p>{@code mvn verify} replays the corpus in {@code FramingAndDispatchFuzzTestInputs} (kept in
 * the repository, with the inputs that once found bugs) as ordinary tests. To fuzz for real, with
 * coverage guidance: {@code JAZZER_FUZZ=1 mvn -pl server test-compile surefire:test@fuzz-corpus};
 * new interesting inputs land in {@code .cifuzz-corpus} (copy the ones worth keeping here), and a
 * failing input is written here directly.
 */
class FramingAndDispatchFuzzTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_FRAME = 4096;

    private static LoggerContext context;
    private static Nexus nexus;
    private static LogService logService;
    private static ExampleServices examples;
    private static TcpTransport transport;
    private static ServerTrouble trouble;
    private static WireClient witness;

    @BeforeAll
    static void start() throws Exception {
        context = new LoggerContext();
        context.setName("fuzz-" + UUID.randomUUID());
        context.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.DEBUG);
        nexus = new Nexus();
        logService = new LogService(nexus, context, LogServiceConfig.DEFAULTS.withRetain(200)).start();
        LogServiceAppender appender = new LogServiceAppender(logService);
        appender.setContext(context);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        // No timer messages: the time bot would only add noise.
        examples = new ExampleServices(nexus, Duration.ofHours(1)).start();
        transport = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS.withMaxFrameBytes(MAX_FRAME)
                // The witness sends one message per input: let it keep up with a fast fuzzing run.
                .withLimits(ConnectionLimits.DEFAULTS.withMessagesPerSecond(5000))).start();
        trouble = ServerTrouble.watch();
        witness = WireClient.connect(transport.boundAddress());
        witness.welcome();
        witness.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
    }

    @AfterAll
    static void stop() throws Exception {
        witness.close();
        trouble.close();
        transport.stop();
        examples.stop();
        logService.stop(5, TimeUnit.SECONDS);
        nexus.stop(5, TimeUnit.SECONDS);
        context.stop();
    }

    @FuzzTest(maxDuration = "2m")
    void anyBytesAreAnsweredWellAndHarmNobody(byte[] input) throws Exception {
        // Jazzer's SSRF detector refuses connections by default: this one goes where we say.
        try (SilentCloseable loopback = BugDetectors.allowNetworkConnections(
                (host, port) -> port == transport.boundAddress().getPort());
             Socket s = new Socket()) {
            s.setSoLinger(true, 0); // no TIME_WAIT: a fuzzing run opens very many connections
            s.connect(transport.boundAddress(), 5000);
            s.setSoTimeout(10_000); // a server that neither answers nor closes is a failure
            OutputStream out = s.getOutputStream();
            try {
                out.write(input);
                out.flush();
                s.shutdownOutput();
            } catch (IOException closedOnUs) {
                // The server may close first (an oversized frame, a flood): its answer is still checked.
            }
            List<String> errors = checkEverythingReceived(s);
            long largest = largestValue(input);
            if (largest >= 0 && largest <= MAX_FRAME) {
                assertThat(errors).as("every value is at most %d bytes (the largest: %d)", MAX_FRAME, largest)
                        .noneMatch(e -> e.contains("larger than the limit"));
            }
        }
        String probe = "probe-" + System.nanoTime();
        witness.send("{\"test\":\"" + probe + "\"}");
        assertThat(witness.next(m -> m.has("test")).get("test").asText()).isEqualTo(probe.toUpperCase());
        trouble.assertNone();
    }

    /**
     * The size of the largest top-level value of {@code input}, as Jackson reads it (an oracle
     * independent of the server's framer); -1 when the input is not a clean stream of objects and
     * arrays.
     */
    private static long largestValue(byte[] input) {
        long largest = 0;
        try (JsonParser p = MAPPER.getFactory().createParser(input)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
                    return -1;
                }
                long start = p.currentTokenLocation().getByteOffset();
                p.skipChildren();
                largest = Math.max(largest, p.currentLocation().getByteOffset() - start);
            }
        } catch (IOException notClean) {
            return -1;
        }
        return largest;
    }

    /**
     * Reads until the server closes: every message must be a well-formed, sensible object.
     * Returns the texts of the errors received.
     */
    private static List<String> checkEverythingReceived(Socket s) throws IOException {
        List<String> errors = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(s.getInputStream())) {
            while (p.nextToken() != null) {
                JsonNode m = MAPPER.readTree(p);
                assertThat(m.isObject()).as("a message must be an object: %s", m).isTrue();
                assertThat(m.path("CHANNEL").isTextual()).as("every message names its channel: %s", m).isTrue();
                if ("error".equals(m.path("cmd").asText()) && m.path("CHANNEL").asText().isEmpty()) {
                    assertThat(m.path("error").asText()).as("an error says what was wrong: %s", m)
                            .isNotBlank().doesNotStartWith("internal error");
                    errors.add(m.path("error").asText());
                }
            }
        } catch (JsonEOFException cutByClose) {
            // The server closed the connection while a message was on its way: not malformed.
        } catch (java.net.SocketException reset) {
            // Closed by the server with data unread (an oversized frame): as above.
        }
        return errors;
    }
}

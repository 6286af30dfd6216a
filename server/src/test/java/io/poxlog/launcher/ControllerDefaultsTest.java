package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.WireClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/controller's default set as a real process: the browser viewer with it, its URL said with
 * the real port, transports listening only once the services are there, and a port in use said in
 * one clear line.
 */
class ControllerDefaultsTest {
    private static final Pattern VIEWER_URL = Pattern.compile("^INFO:web\\.log_viewer:log viewer: (http://127\\.0\\.0\\.1:(\\d+)/)$");

    /** The default set, with the listeners' ports given (the defaults' own, 7790 and 8000, may be in use here). */
    private static String[] defaultsWith(int tcpPort, int webPort) {
        List<String> args = new ArrayList<>();
        for (String c : Components.defaults()) {
            args.add(c);
            if (c.equals("messenger.tcp_transport")) {
                args.add("--tcp_port=" + tcpPort);
            } else if (c.equals("web.webcore")) {
                args.add("--port=" + webPort);
            }
        }
        return args.toArray(String[]::new);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void theDefaultsServeTheViewerAndSayItsUrlWithTheRealPort() throws Exception {
        try (ControllerProcess controller = ControllerProcess.start(defaultsWith(0, 0))) {
            Matcher m = VIEWER_URL.matcher(controller.awaitLine(VIEWER_URL));
            assertThat(m.find()).isTrue();
            assertThat(Integer.parseInt(m.group(2))).isPositive();
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(m.group(1))).build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean shipped = getClass().getClassLoader().getResource("io/poxlog/web/viewer/index.html") != null;
            assertThat(page.statusCode()).isEqualTo(shipped ? 200 : 404);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("connect-src 'self'");
            HttpResponse<String> ws = client.send(HttpRequest.newBuilder(URI.create(m.group(1) + "_webmsg/ws")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ws.statusCode()).as("the WebSocket transport is there").isEqualTo(426);
            controller.awaitLine(Pattern.compile("^INFO:messenger\\.tcp_transport:Listening on 127\\.0\\.0\\.1:\\d+$"));
        }
    }

    /**
     * A client that connects the moment the TCP port opens must find the log service: before the
     * defaults put the transports last, it could be welcomed by a messenger without it (no
     * {@code log_id}, no log features), and its log join went unanswered.
     */
    @Test
    void aClientConnectingTheMomentThePortOpensFindsTheLogService() throws Exception {
        int port = freePort();
        try (ControllerProcess controller = ControllerProcess.start(defaultsWith(port, 0))) {
            Socket socket = connectAsSoonAsListening(new InetSocketAddress("127.0.0.1", port), controller);
            try (WireClient c = new WireClient(socket)) {
                JsonNode welcome = c.welcome();
                assertThat(welcome.has("log_id")).as("the welcome %s names the log's run", welcome).isTrue();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_now\",\"json\":true,\"backlog\":1}");
                JsonNode first = c.next(j -> j.has("seq") || j.path("cmd").asText().equals("error"));
                assertThat(first.has("seq")).as("%s", first).isTrue();
            }
        }
    }

    private static Socket connectAsSoonAsListening(InetSocketAddress address, ControllerProcess controller) {
        Socket[] connected = {null};
        try {
            // Every millisecond: the moment the port opens is what is tested.
            Await.until("the controller listens on " + address, Duration.ofSeconds(60), Duration.ofMillis(1), () -> {
                connected[0] = connectOrNull(address);
                if (connected[0] == null) {
                    assertThat(controller.process.isAlive()).as("the controller is running; stderr %s", controller.err)
                            .isTrue();
                }
                return connected[0] != null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; stdout " + controller.out, e);
        }
        return connected[0];
    }

    /** A socket connected to {@code address}, or null while nothing listens there. */
    private static Socket connectOrNull(InetSocketAddress address) {
        Socket s = new Socket();
        try {
            s.connect(address, 1000);
            return s;
        } catch (ConnectException notYet) {
            closeQuietly(s);
            return null;
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // a socket that never connected
        }
    }

    @Test
    void withNoComponentsAWebPortInUseIsSaidInOneLineWithWhatToDo() throws Exception {
        ServerSocket held = null;
        try {
            try {
                held = new ServerSocket(8000, 1, InetAddress.getByName("127.0.0.1"));
            } catch (BindException inUseAlready) {
                // another program has it: the controller must say so all the same
            }
            try (ControllerProcess controller = ControllerProcess.start()) {
                assertThat(controller.process.waitFor(60, TimeUnit.SECONDS)).as("the controller ends").isTrue();
                assertThat(controller.process.exitValue()).isEqualTo(1);
                String line = controller.awaitLine(Pattern.compile("^ERROR:core:Cannot start"));
                assertThat(line).startsWith("ERROR:core:Cannot start: web.webcore cannot listen on 127.0.0.1:8000: ")
                        .contains("in use");
                String hint = controller.awaitLine(Pattern.compile("^ERROR:core:"));
                assertThat(hint).contains("web.webcore --port=", "messenger.tcp_transport --tcp_port=");
                assertThat(controller.out).noneSatisfy(l -> assertThat(l).startsWith("\tat "));
                assertThat(controller.err).noneSatisfy(l -> assertThat(l).contains("Exception"));
            }
        } finally {
            if (held != null) {
                held.close();
            }
        }
    }
}

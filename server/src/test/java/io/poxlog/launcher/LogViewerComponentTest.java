package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * {@code web.log_viewer} on the command line: mounted on web.webcore beside the WebSocket
 * transport, wherever it comes; refused without them; its URL said with the real port; and
 * the loud warning when the server it is on listens beyond loopback without tokens.
 */
class LogViewerComponentTest {
    static final String TEST_PAGE = "io/poxlog/web/viewertest/";
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ListAppender<ILoggingEvent> seen = new ListAppender<>();

    @TempDir
    Path tmp;

    @BeforeEach
    void listen() {
        seen.start();
        for (String name : List.of("web.log_viewer", "web.webcore")) {
            ((Logger) LoggerFactory.getLogger(name)).addAppender(seen);
        }
    }

    @AfterEach
    void stopListening() {
        for (String name : List.of("web.log_viewer", "web.webcore")) {
            ((Logger) LoggerFactory.getLogger(name)).detachAppender(seen);
        }
    }

    private List<String> messages() {
        return seen.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** Starts these components as bin/controller does, the viewer serving the test page. */
    static ControllerRuntime start(List<String> args) throws Exception {
        List<ComponentRequest> requests = ComponentRequest.parse(args);
        Controller.validate(requests);
        ControllerRuntime rt = new ControllerRuntime();
        rt.requested(requests.stream().map(ComponentRequest::name).toList());
        Components known = new Components();
        try {
            for (ComponentRequest r : requests) {
                component(known, r).prepare(rt, r);
            }
            for (ComponentRequest r : requests) {
                component(known, r).start(rt, r);
            }
        } catch (Exception e) {
            rt.stop();
            throw e;
        }
        return rt;
    }

    private static Component component(Components known, ComponentRequest r) {
        return r.name().equals("web.log_viewer") ? new LogViewerComponent(TEST_PAGE) : known.get(r.name());
    }

    private HttpResponse<String> get(ControllerRuntime rt, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + rt.webServer().boundAddress().getPort() + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itServesThePageWhereverItComesAndSaysTheUrlWithTheRealPort() throws Exception {
        for (List<String> order : List.of(
                List.of("messenger", "web.webcore", "--port=0", "messenger.ws_transport", "web.log_viewer"),
                List.of("web.log_viewer", "messenger.ws_transport", "web.webcore", "--port=0"))) {
            seen.list.clear();
            ControllerRuntime rt = start(order);
            try {
                int port = rt.webServer().boundAddress().getPort();
                assertThat(messages()).as("%s", order).contains("log viewer: http://127.0.0.1:" + port + "/");
                HttpResponse<String> page = get(rt, "/");
                assertThat(page.statusCode()).isEqualTo(200);
                assertThat(page.body()).contains("viewer test page");
                assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                        .contains("connect-src 'self'", "script-src 'self'");
                assertThat(get(rt, "/log/").body()).isEqualTo(page.body());
                assertThat(get(rt, "/log").statusCode()).isEqualTo(301);
                assertThat(get(rt, "/_webmsg/ws").statusCode()).as("the transport keeps its path").isEqualTo(426);
            } finally {
                rt.stop();
            }
        }
    }

    @Test
    void pathMovesTheViewersOwnPrefixAndAStaticRootKeepsTheRoot() throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "the operator's page");
        ControllerRuntime rt = start(List.of("web.webcore", "--port=0", "--static=/:" + www, "messenger.ws_transport",
                "web.log_viewer", "--path=/viewer"));
        try {
            int port = rt.webServer().boundAddress().getPort();
            assertThat(messages()).contains("log viewer: http://127.0.0.1:" + port + "/viewer/");
            assertThat(get(rt, "/").body()).isEqualTo("the operator's page");
            assertThat(get(rt, "/viewer/").body()).contains("viewer test page");
            assertThat(get(rt, "/log/").statusCode()).isEqualTo(404);
        } finally {
            rt.stop();
        }
    }

    @Test
    void withoutWebCoreOrTheWebSocketTransportItIsRefusedSayingWhatToLoad() {
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "web.log_viewer")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("web.log_viewer needs web.webcore and messenger.ws_transport: bin/controller ");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--port=0", "web.log_viewer")))
                .isInstanceOf(UsageException.class)
                .hasMessageStartingWith("web.log_viewer needs messenger.ws_transport: ");
        assertThatThrownBy(() -> Controller.start(List.of("web.log_viewer", "messenger.ws_transport")))
                .hasMessageStartingWith("web.log_viewer needs web.webcore: ");
    }

    @Test
    void aBadPathIsRefusedBeforeAnythingStarts() {
        for (String bad : List.of("log", "/a/../b", "/a?b", "/a%2e", "//x", "/a b")) {
            assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--port=0", "messenger.ws_transport",
                    "web.log_viewer", "--path=" + bad)))
                    .as(bad).isInstanceOf(UsageException.class).hasMessageContaining("--path is a path such as /log");
        }
        assertThatThrownBy(() -> Controller.start(List.of("web.log_viewer", "--port=1")))
                .hasMessage("web.log_viewer: unknown option --port; it takes --path");
    }

    @Test
    void onEveryAddressWithoutTokensTheLoudWarningCoversTheViewer() throws Exception {
        ControllerRuntime rt = start(List.of("messenger", "web.webcore", "--address=0.0.0.0", "--port=0",
                "messenger.ws_transport", "web.log_viewer"));
        try {
            int port = rt.webServer().boundAddress().getPort();
            assertThat(messages()).anySatisfy(m -> assertThat(m)
                    .startsWith("*** UNPROTECTED: listening on 0.0.0.0:" + port + " WITHOUT TOKENS: anyone who can "
                            + "reach it can read the log"));
            assertThat(messages()).contains("log viewer: http://127.0.0.1:" + port + "/");
            assertThat(get(rt, "/").statusCode()).isEqualTo(200);
        } finally {
            rt.stop();
        }
        seen.list.clear();
        Path tokens = Files.writeString(tmp.resolve("tokens"), "0123456789abcdef0123456789abcdef read\n");
        Files.setPosixFilePermissions(tokens, PosixFilePermissions.fromString("rw-------"));
        rt = start(List.of("messenger", "--tokens=" + tokens, "web.webcore", "--address=0.0.0.0", "--port=0",
                "messenger.ws_transport", "web.log_viewer"));
        try {
            assertThat(messages()).noneSatisfy(m -> assertThat(m).contains("UNPROTECTED"));
            assertThat(messages()).anySatisfy(m -> assertThat(m).contains("without TLS: tokens and the log cross"));
        } finally {
            rt.stop();
        }
    }

    @Test
    void theRealPageFolderIsTheDefault() throws Exception {
        ControllerRuntime rt = Controller.start(List.of("messenger", "web.webcore", "--port=0",
                "messenger.ws_transport", "web.log_viewer"));
        try {
            HttpResponse<String> page = get(rt, "/");
            boolean shipped = getClass().getClassLoader().getResource("io/poxlog/web/viewer/index.html") != null;
            assertThat(page.statusCode()).isEqualTo(shipped ? 200 : 404);
            assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            if (!shipped) {
                assertThat(messages()).anySatisfy(m -> assertThat(m).startsWith("The log viewer's page is missing"));
            }
        } finally {
            rt.stop();
        }
    }

    @Test
    void itIsInTheHelpAndTheDefaultSet() {
        assertThat(Controller.help()).contains("web.log_viewer");
        assertThat(Components.defaults()).contains("web.webcore", "messenger.ws_transport", "web.log_viewer");
    }
}

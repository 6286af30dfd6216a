package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.web.WebLimits;
import io.poxlog.web.WebResponse;
import io.poxlog.web.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code web.webcore} on the command line: its options, --static, and other components mounting on it. */
class WebCoreComponentTest {
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    Path www;

    private HttpResponse<String> get(WebServer s, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.boundAddress().getPort() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void itServesStaticFoldersAndTakesItsLimits() throws Exception {
        Files.writeString(www.resolve("webmessenger.html"), "<html></html>");
        ControllerRuntime rt = Controller.start(List.of("web.webcore", "--port=0", "--static=/static:" + www,
                "--max_body_bytes=100", "--max_hold=5", "--allowed_hosts=controller.example"));
        try {
            WebServer s = rt.webServer();
            assertThat(rt.listening()).containsExactly(s.boundAddress());
            assertThat(s.settings().limits()).isEqualTo(WebLimits.DEFAULTS.withMaxBodyBytes(100)
                    .withMaxHold(Duration.ofSeconds(5)));
            assertThat(s.servedNames()).containsExactly("127.0.0.1", "localhost", "controller.example");
            HttpResponse<String> page = get(s, "/static/webmessenger.html");
            assertThat(page.body()).isEqualTo("<html></html>");
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        } finally {
            rt.stop();
        }
    }

    @Test
    void theDefaultsAreThoseDocumented() throws Exception {
        ControllerRuntime rt = new ControllerRuntime();
        new WebCoreComponent().prepare(rt, new ComponentRequest("web.webcore", Map.of()));
        assertThat(rt.webServer().settings().address()).isEqualTo("127.0.0.1");
        assertThat(rt.webServer().settings().port()).isEqualTo(8000);
        assertThat(rt.webServer().settings().limits()).isEqualTo(WebLimits.DEFAULTS);
        assertThat(WebLimits.DEFAULTS).isEqualTo(new WebLimits(1000, 100, 8192, 1024 * 1024, Duration.ofSeconds(60),
                Duration.ofSeconds(60)));
    }

    @Test
    void aComponentMountsItsHandlerWhereverItComesOnTheCommandLine() throws Exception {
        Component mounting = new Component() {
            @Override
            public String name() {
                return "messenger.some_web_transport";
            }

            @Override
            public String description() {
                return "mounts /_hello";
            }

            @Override
            public Set<String> options() {
                return Set.of();
            }

            @Override
            public void start(ControllerRuntime runtime, ComponentRequest request) {
                runtime.webServer().mount("/_hello", e -> e.respond(WebResponse.text(200, "hello " + e.subpath())));
            }
        };
        ControllerRuntime rt = new ControllerRuntime();
        WebCoreComponent web = new WebCoreComponent();
        ComponentRequest webRequest = new ComponentRequest("web.webcore", Map.of("port", "0"));
        ComponentRequest mountRequest = new ComponentRequest(mounting.name(), Map.of());
        try {
            // As Controller.start does for "messenger.some_web_transport web.webcore": every prepare, then every start.
            mounting.prepare(rt, mountRequest);
            web.prepare(rt, webRequest);
            mounting.start(rt, mountRequest);
            web.start(rt, webRequest);
            assertThat(get(rt.webServer(), "/_hello/there").body()).isEqualTo("hello /there");
        } finally {
            rt.stop();
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--static=/static:" + www.resolve("none"))))
                .isInstanceOf(UsageException.class)
                .hasMessage("web.webcore: --static: cannot serve " + www.resolve("none") + ": no such directory");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--static=" + www)))
                .hasMessageContaining("--static takes PREFIX:DIR");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--static")))
                .hasMessageContaining("--static takes PREFIX:DIR");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--allowed_origins=ops.example")))
                .hasMessage("web.webcore: not an origin (scheme://host[:port]): 'ops.example'");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--allowed_hosts")))
                .hasMessageContaining("--allowed_hosts needs a list");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--max_header_bytes=10")))
                .hasMessage("web.webcore: --max_header_bytes must be between 256 and 1048576, not 10");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--tls_cert=x.pem")))
                .hasMessage("web.webcore: TLS needs both --tls_cert=FILE and --tls_key=FILE");
        assertThatThrownBy(() -> Controller.start(List.of("web.webcore", "--port=80000")))
                .hasMessage("web.webcore: --port must be between 0 and 65535, not 80000");
    }
}

package io.poxlog.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a browser on the operator's desk can be made to send: a request naming another site in
 * {@code Host} (DNS rebinding), a request from another site's page ({@code Origin}), and a
 * simple cross-site POST that needs no preflight.
 */
class HostAndOriginTest {

    private static WebFixture server(WebSettings settings) throws Exception {
        WebFixture f = new WebFixture(settings).start();
        f.server.mount("/read", e -> e.respond(WebResponse.text(200, "read")));
        f.server.mount("/change", e -> {
            if (e.checkStateChange("X-POX-Messenger-Session-Key")) {
                e.respond(WebResponse.text(200, "changed"));
            }
        });
        return f;
    }

    @Test
    void onlyTheNamesServedAreAnsweredInHost() throws Exception {
        try (WebFixture f = server(WebSettings.DEFAULTS); RawHttp c = f.raw()) {
            int port = f.server.boundAddress().getPort();
            assertThat(c.get("/read", "127.0.0.1:" + port).text()).isEqualTo("read");
            assertThat(c.get("/read", "localhost:" + port).text()).isEqualTo("read");
            assertThat(c.get("/read", "LOCALHOST.").text()).isEqualTo("read");
            assertThat(c.get("/read", "127.0.0.1").text()).isEqualTo("read");
            RawHttp.Response rebound = c.get("/read", "evil.example:" + port);
            assertThat(rebound.status()).isEqualTo(421);
            assertThat(rebound.header("Content-Type")).isEqualTo("application/json");
            assertThat(rebound.error()).isEqualTo("Host 'evil.example:" + port + "' is not a name this server answers "
                    + "to (127.0.0.1, localhost); the operator can add it with --allowed_hosts");
            assertThat(c.get("/nothing", "evil.example").status()).as("before routing: nothing leaks").isEqualTo(421);
            assertThat(c.get("/read", "127.0.0.2:" + port).status()).isEqualTo(421);
            assertThat(c.get("/read", "localhost.evil.example").status()).isEqualTo(421);
            assertThat(c.get("/read", "127.0.0.1:" + port).text()).as("the connection went on").isEqualTo("read");
        }
        try (WebFixture f = server(WebSettings.DEFAULTS); RawHttp c = f.raw()) {
            c.send("GET /read HTTP/1.1\r\n\r\n");
            RawHttp.Response none = c.read();
            assertThat(none.status()).isEqualTo(400);
            assertThat(none.error()).isEqualTo("a Host header is required");
        }
        try (WebFixture f = server(WebSettings.DEFAULTS); RawHttp c = f.raw()) {
            assertThat(c.get("/read", "a b").status()).isEqualTo(400);
        }
    }

    @Test
    void allowedHostsAreAnsweredToo() throws Exception {
        try (WebFixture f = server(WebSettings.DEFAULTS.withAllowedHosts(List.of("controller.example", "[::1]")));
             RawHttp c = f.raw()) {
            assertThat(c.get("/read", "Controller.Example:8000").text()).isEqualTo("read");
            assertThat(c.get("/read", "[0:0:0:0:0:0:0:1]").text()).isEqualTo("read");
            assertThat(c.get("/read", "other.example").error()).contains("(127.0.0.1, localhost, controller.example, 0:0:0:0:0:0:0:1)");
        }
        assertThatThrownBy(() -> new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0)
                .withAllowedHosts(List.of("bad host"))).start()).hasMessageContaining("not a host name: 'bad host'");
    }

    private static HttpResponse<String> post(WebFixture f, String origin, String type, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.uri("/change")).POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) {
            b.header("Origin", origin);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return f.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void onlyTheServersOwnPagesAndAllowedOriginsMayChangeState() throws Exception {
        try (WebFixture f = server(WebSettings.DEFAULTS.withAllowedOrigins(List.of("https://ops.example")))) {
            String own = "http://" + f.host();
            assertThat(post(f, own, "application/json", "{}").body()).isEqualTo("changed");
            assertThat(post(f, "https://ops.example:443", "application/json", "{}").body()).isEqualTo("changed");
            assertThat(post(f, null, "application/json", "{}").body()).as("not a browser: no Origin").isEqualTo("changed");
            HttpResponse<String> other = post(f, "http://evil.example", "application/json", "{}");
            assertThat(other.statusCode()).isEqualTo(403);
            assertThat(other.body()).isEqualTo("{\"error\":\"Origin 'http://evil.example' may not change anything here: "
                    + "only pages of " + own + " and of --allowed_origins may\"}");
            assertThat(post(f, "null", "application/json", "{}").statusCode()).as("a sandboxed page").isEqualTo(403);
            assertThat(post(f, "https://" + f.host(), "application/json", "{}").statusCode())
                    .as("another scheme is another origin").isEqualTo(403);
            assertThat(post(f, "http://localhost:" + f.server.boundAddress().getPort(), "application/json", "{}")
                    .statusCode()).as("another name is another origin").isEqualTo(403);
        }
    }

    @Test
    void aSimpleCrossSitePostIsNeverAccepted() throws Exception {
        try (WebFixture f = server(WebSettings.DEFAULTS)) {
            String own = "http://" + f.host();
            for (String simple : new String[] {"text/plain", "text/plain;charset=UTF-8", "application/x-www-form-urlencoded",
                    "Multipart/Form-Data; boundary=x", null}) {
                HttpResponse<String> r = post(f, own, simple, "{}");
                assertThat(r.statusCode()).as(String.valueOf(simple)).isEqualTo(415);
                assertThat(r.body()).as(String.valueOf(simple)).contains("must have a Content-Type such as application/json "
                        + "or a header X-POX-Messenger-Session-Key");
            }
            HttpResponse<String> withHeader = f.client.send(HttpRequest.newBuilder(f.uri("/change"))
                    .header("Content-Type", "text/plain").header("X-POX-Messenger-Session-Key", "abc")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withHeader.body()).as("a custom header needs a preflight too").isEqualTo("changed");
        }
    }

    @Test
    void badAllowedOriginsAreRefusedNamingThem() {
        assertThatThrownBy(() -> WebSettings.DEFAULTS.withAllowedOrigins(List.of("ops.example")))
                .hasMessage("not an origin (scheme://host[:port]): 'ops.example'");
        assertThatThrownBy(() -> WebSettings.DEFAULTS.withAllowedOrigins(List.of("https://ops.example/path")))
                .hasMessageContaining("'https://ops.example/path'");
    }
}

package io.poxlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --static}: a folder's files, and nothing else however the path is written or linked. */
class StaticFilesTest {
    @TempDir
    Path tmp;
    Path www;
    Path secret;

    @BeforeEach
    void files() throws Exception {
        www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("webmessenger.html"), "<html>pox</html>");
        Files.writeString(www.resolve("webmessenger.js"), "var x = 1;");
        Files.writeString(www.resolve("data.bin"), "bytes");
        Files.writeString(www.resolve(".hidden"), "hidden");
        Files.createDirectories(www.resolve("sub"));
        Files.writeString(www.resolve("sub/index.html"), "<p>index</p>");
        Files.createDirectories(www.resolve("empty"));
        secret = Files.writeString(tmp.resolve("secret.txt"), "SECRET");
        Files.createSymbolicLink(www.resolve("out.txt"), secret);
        Files.createSymbolicLink(www.resolve("outdir"), tmp);
        Files.createSymbolicLink(www.resolve("in.js"), www.resolve("webmessenger.js"));
    }

    private WebFixture serving() throws Exception {
        WebFixture f = new WebFixture().start();
        f.server.mount("/static", new StaticFiles(www));
        return f;
    }

    @Test
    void filesAreServedWithTheirTypeAndNosniff() throws Exception {
        try (WebFixture f = serving()) {
            HttpResponse<String> html = f.get("/static/webmessenger.html");
            assertThat(html.statusCode()).isEqualTo(200);
            assertThat(html.body()).isEqualTo("<html>pox</html>");
            assertThat(html.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(f.get("/static/webmessenger.js").headers().firstValue("Content-Type"))
                    .hasValue("text/javascript; charset=utf-8");
            assertThat(f.get("/static/data.bin").headers().firstValue("Content-Type"))
                    .hasValue("application/octet-stream");
            assertThat(f.get("/static/in.js").body()).as("a link inside the folder is followed").isEqualTo("var x = 1;");
            assertThat(f.get("/static/web%6Dessenger.js").body()).isEqualTo("var x = 1;");
            HttpResponse<String> head = f.client.send(HttpRequest.newBuilder(f.uri("/static/webmessenger.js"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue("10");
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void aDirectoryServesItsIndexAndIsNeverListed() throws Exception {
        try (WebFixture f = serving(); RawHttp c = f.raw()) {
            RawHttp.Response redirect = c.get("/static/sub", f.host());
            assertThat(redirect.status()).isEqualTo(301);
            assertThat(redirect.header("Location")).isEqualTo("/static/sub/");
            assertThat(c.get("/static/sub/", f.host()).text()).isEqualTo("<p>index</p>");
            assertThat(c.get("/static/empty/", f.host()).status()).isEqualTo(404);
            assertThat(c.get("/static/", f.host()).status()).as("the folder itself has no index").isEqualTo(404);
            assertThat(c.get("/static", f.host()).header("Location")).isEqualTo("/static/");
        }
    }

    @Test
    void noPathLeavesTheFolder() throws Exception {
        List<String> attempts = List.of(
                "/static/../secret.txt",
                "/static/sub/../../secret.txt",
                "/static/%2e%2e/secret.txt",
                "/static/%2E%2E/secret.txt",
                "/static/sub/%2e%2e%2f%2e%2e%2fsecret.txt",
                "/static/..%2fsecret.txt",
                "/static/..%5csecret.txt",
                "/static/%2e%2e%5csecret.txt",
                "/static/" + secret.toString(),
                "/static//" + secret.toString(),
                "/static/%2f" + secret.toString().substring(1).replace("/", "%2f"),
                "/static/out.txt",
                "/static/outdir/secret.txt",
                "/static/.hidden",
                "/static/webmessenger.js%00.png",
                "/static/%c0%ae%c0%ae/secret.txt",
                "/static/%zz");
        try (WebFixture f = serving(); RawHttp c = f.raw()) {
            for (String path : attempts) {
                RawHttp.Response r = c.get(path, f.host());
                assertThat(r.status()).as(path).isEqualTo(404);
                assertThat(r.text()).as(path).doesNotContain("SECRET").startsWith("{\"error\":");
            }
            assertThat(c.get("/static/webmessenger.js", f.host()).text()).as("the connection went on").isEqualTo("var x = 1;");
        }
    }

    @Test
    void onlyReadingIsAllowed() throws Exception {
        try (WebFixture f = serving()) {
            HttpResponse<String> post = f.client.send(HttpRequest.newBuilder(f.uri("/static/webmessenger.js"))
                    .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(post.headers().firstValue("Allow")).hasValue("GET, HEAD");
            assertThat(post.body()).isEqualTo("{\"error\":\"files are read with GET or HEAD, not POST\"}");
        }
    }
}

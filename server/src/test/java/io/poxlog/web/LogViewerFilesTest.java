package io.poxlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code web.log_viewer}'s files: a class path folder at {@code /} and {@code /log/}, from a
 * class path directory (the test page) and from a jar, with the viewer's headers on every answer,
 * and nothing else of the class path, however the path is written.
 */
class LogViewerFilesTest {
    static final String TEST_PAGE = "io/poxlog/web/viewertest/";
    private static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @TempDir
    Path tmp;

    private static WebFixture serving(ClassLoader loader, String folder) throws IOException {
        WebFixture f = new WebFixture().start();
        LogViewer.mountOn(f.server, "/log", LogViewer.files(loader, folder));
        return f;
    }

    private static WebFixture servingTestPage() throws IOException {
        return serving(LogViewerFilesTest.class.getClassLoader(), TEST_PAGE);
    }

    static void assertViewerHeaders(RawHttp.Response r) {
        assertThat(r.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    }

    @Test
    void thePageIsAtTheRootAndAtLogWithTheViewersHeaders() throws Exception {
        try (WebFixture f = servingTestPage(); RawHttp c = f.raw()) {
            RawHttp.Response root = c.get("/", f.host());
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(root.text()).contains("<title>viewer test page</title>");
            assertViewerHeaders(root);
            assertThat(root.header("Cache-Control")).isEqualTo("no-cache");
            assertThat(root.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");

            RawHttp.Response log = c.get("/log", f.host());
            assertThat(log.status()).isEqualTo(301);
            assertThat(log.header("Location")).isEqualTo("/log/");
            assertViewerHeaders(log);
            assertThat(c.get("/log?filter=x", f.host()).header("Location")).isEqualTo("/log/?filter=x");
            assertThat(c.get("/log/", f.host()).text()).isEqualTo(root.text());
            assertThat(c.get("/log/index.html", f.host()).text()).isEqualTo(root.text());
            assertThat(c.get("/log/js/app.js", f.host()).text()).isEqualTo(c.get("/js/app.js", f.host()).text())
                    .contains("securitypolicyviolation");
        }
    }

    @Test
    void eachFileHasTheTypeOfItsExtension() throws Exception {
        Map<String, String> types = Map.of(
                "/js/app.js", "text/javascript; charset=utf-8",
                "/js/util.mjs", "text/javascript; charset=utf-8",
                "/css/page.css", "text/css; charset=utf-8",
                "/img/dot.svg", "image/svg+xml",
                "/img/dot.png", "image/png",
                "/img/favicon.ico", "image/vnd.microsoft.icon",
                "/img/font.woff2", "font/woff2",
                "/data.json", "application/json");
        try (WebFixture f = servingTestPage(); RawHttp c = f.raw()) {
            for (Map.Entry<String, String> e : types.entrySet()) {
                RawHttp.Response r = c.get("/log" + e.getKey(), f.host());
                assertThat(r.status()).as(e.getKey()).isEqualTo(200);
                assertThat(r.header("Content-Type")).as(e.getKey()).isEqualTo(e.getValue());
                assertViewerHeaders(r);
            }
        }
    }

    @Test
    void aFolderServesItsIndexOrNothingAndIsNeverListed() throws Exception {
        try (WebFixture f = servingTestPage(); RawHttp c = f.raw()) {
            assertThat(c.get("/sub", f.host()).header("Location")).isEqualTo("/sub/");
            assertThat(c.get("/log/sub", f.host()).header("Location")).isEqualTo("/log/sub/");
            assertThat(c.get("/sub/", f.host()).text()).isEqualTo("<p>sub index</p>\n");
            for (String folder : List.of("/js", "/js/", "/log/js/", "/empty", "/empty/", "/img/")) {
                RawHttp.Response r = c.get(folder, f.host());
                assertThat(r.status()).as(folder).isEqualTo(404);
                assertThat(r.text()).as(folder).doesNotContain("app.js", "util.mjs", ".keep", "dot.svg");
                assertViewerHeaders(r);
            }
            assertThat(c.get("/.hidden", f.host()).status()).isEqualTo(404);
            assertThat(c.get("/empty/.keep", f.host()).status()).isEqualTo(404);
        }
    }

    @Test
    void filesAreRevalidatedByTheirETagAndHeadSaysTheLength() throws Exception {
        try (WebFixture f = servingTestPage(); RawHttp c = f.raw()) {
            RawHttp.Response first = c.get("/js/app.js", f.host());
            String etag = first.header("ETag");
            c.send("GET /js/app.js HTTP/1.1\r\nHost: " + f.host() + "\r\nIf-None-Match: W/" + etag + "\r\n\r\n");
            RawHttp.Response again = c.readHead();
            assertThat(again.status()).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(again.header("ETag")).isEqualTo(etag);
            assertViewerHeaders(again);
            c.send("GET /js/app.js HTTP/1.1\r\nHost: " + f.host() + "\r\nIf-None-Match: \"other\"\r\n\r\n");
            assertThat(c.read().status()).isEqualTo(200);
            assertThat(c.get("/js/util.mjs", f.host()).header("ETag")).isNotEqualTo(etag);
            c.send("HEAD /js/app.js HTTP/1.1\r\nHost: " + f.host() + "\r\n\r\n");
            RawHttp.Response head = c.readHead();
            assertThat(head.status()).isEqualTo(200);
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(first.body().length));
            assertViewerHeaders(head);
            // the connection is still in step: the HEAD's answer had no body
            assertThat(c.get("/data.json", f.host()).text()).isEqualTo("{\"test\": true}\n");
        }
    }

    @Test
    void onlyGetAndHeadAreTakenAndEveryRefusalHasTheHeaders() throws Exception {
        try (WebFixture f = servingTestPage()) {
            for (String method : List.of("POST", "PUT", "DELETE", "OPTIONS")) {
                HttpResponse<String> r = f.client.send(HttpRequest.newBuilder(f.uri("/log/"))
                        .method(method, HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(method).isEqualTo(405);
                assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
                assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
                assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
            }
            HttpResponse<String> missing = f.get("/nothing-here.js");
            assertThat(missing.statusCode()).isEqualTo(404);
            assertThat(missing.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(missing.headers().firstValue("Content-Security-Policy")).hasValue(CSP);
        }
    }

    /** Paths that would reach other resources of the class path, were they resolved as written. */
    static List<String> escapes() {
        return List.of(
                "/../logback-test.xml",
                "/%2e%2e/logback-test.xml",
                "/%2E%2E/%2e%2e/launcher/controller-logback.xml",
                "/.%2e/.%2e/.%2e/.%2e/logback-test.xml",
                "/..%2f..%2f..%2f..%2flogback-test.xml",
                "/..%2F..%2F..%2F..%2Flogback-test.xml",
                "/..%5c..%5c..%5c..%5clogback-test.xml",
                "/%5c..%5c..%5c..%5c..%5clogback-test.xml",
                "/js/../../WebServer.class",
                "/js/%2e%2e/%2e%2e/WebServer.class",
                "/%2e%2e%2fWebServer.class",
                "/%c0%ae%c0%ae/WebServer.class",
                "/%252e%252e/WebServer.class",
                "/log/../../../../logback-test.xml",
                "/log/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/logback-test.xml",
                "/io/poxlog/web/WebServer.class",
                "//logback-test.xml",
                "/C:%5clogback-test.xml",
                "/logback-test.xml%00.js",
                "/./logback-test.xml",
                "/%2e/WebServer.class",
                "/META-INF/MANIFEST.MF");
    }

    @Test
    void noPathReachesAnotherResourceOfTheClassPath() throws Exception {
        // what lies beside the folder, and would be served by a resolver that follows '..'
        assertThat(getClass().getClassLoader().getResource("io/poxlog/web/viewertest/../WebServer.class")).isNotNull();
        try (WebFixture f = servingTestPage()) {
            for (String path : escapes()) {
                try (RawHttp c = f.raw()) {
                    RawHttp.Response r = c.get(path, f.host());
                    assertThat(r.status()).as(path).isIn(301, 400, 404);
                    assertThat(r.text()).as(path).doesNotContain("<configuration");
                    if (r.status() != 301) {
                        assertThat(r.header("Content-Type")).as(path + ": a JSON error, not a file").isEqualTo("application/json");
                    }
                    if (r.status() == 301) {
                        assertThat(r.header("Location")).as(path).doesNotContain("..", "logback", "class");
                    }
                }
            }
        }
    }

    @Test
    void fromAJarTheSameHoldsWithAndWithoutFolderEntries() throws Exception {
        for (boolean folderEntries : List.of(true, false)) {
            Path jar = jar(tmp.resolve("viewer-" + folderEntries + ".jar"), folderEntries);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                 WebFixture f = serving(loader, "app/viewer/");
                 RawHttp c = f.raw()) {
                String as = "folder entries " + folderEntries;
                RawHttp.Response page = c.get("/log/", f.host());
                assertThat(page.status()).as(as).isEqualTo(200);
                assertThat(page.text()).isEqualTo("<p>from the jar</p>");
                assertViewerHeaders(page);
                assertThat(c.get("/js/app.js", f.host()).header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
                assertThat(c.get("/js/app.js", f.host()).text()).isEqualTo("export const x = 1;");
                assertThat(c.get("/sub", f.host()).header("Location")).as(as).isEqualTo("/sub/");
                for (String folder : List.of("/js", "/js/", "/log/js/")) {
                    RawHttp.Response r = c.get(folder, f.host());
                    assertThat(r.status()).as(as + " " + folder).isEqualTo(404);
                    assertThat(r.text()).doesNotContain("app.js");
                }
                for (String path : List.of("/../logback.xml", "/%2e%2e/logback.xml", "/..%2flogback.xml",
                        "/..%5clogback.xml", "/%2e%2e/Secret.class", "/js/%2e%2e/%2e%2e/Secret.class",
                        "/../../META-INF/MANIFEST.MF", "/%2e%2e/%2e%2e/app/Secret.class")) {
                    try (RawHttp one = f.raw()) {
                        RawHttp.Response r = one.get(path, f.host());
                        assertThat(r.status()).as(as + " " + path).isIn(400, 404);
                        assertThat(r.text()).as(as + " " + path).doesNotContain("SECRET");
                    }
                }
            }
        }
    }

    @Test
    void aFileOverTheLimitIsRefusedNamingIt() throws Exception {
        Path jar = tmp.resolve("big.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out)) {
            j.putNextEntry(new JarEntry("app/viewer/big.js"));
            j.write(new byte[ClasspathFiles.MAX_FILE_BYTES + 1]);
            j.closeEntry();
            j.putNextEntry(new JarEntry("app/viewer/at-limit.js"));
            j.write(new byte[ClasspathFiles.MAX_FILE_BYTES]);
            j.closeEntry();
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
             WebFixture f = serving(loader, "app/viewer/");
             RawHttp c = f.raw()) {
            RawHttp.Response big = c.get("/big.js", f.host());
            assertThat(big.status()).isEqualTo(500);
            assertThat(big.error()).isEqualTo("the file /big.js is larger than 8388608 bytes, the most this server "
                    + "serves from its class path (ClasspathFiles.MAX_FILE_BYTES)");
            assertViewerHeaders(big);
            assertThat(c.get("/at-limit.js", f.host()).body()).hasSize(ClasspathFiles.MAX_FILE_BYTES);
        }
    }

    @Test
    void aStaticFolderAtTheRootKeepsItAndTheViewerIsAtItsPathOnly() throws Exception {
        Path www = Files.createDirectories(tmp.resolve("www"));
        Files.writeString(www.resolve("index.html"), "operator's");
        try (WebFixture f = new WebFixture().start()) {
            f.server.mount("/", new StaticFiles(www));
            List<String> mounted = LogViewer.mountOn(f.server, "/log",
                    LogViewer.files(getClass().getClassLoader(), TEST_PAGE));
            assertThat(mounted).containsExactly("/log");
            assertThat(f.get("/").body()).isEqualTo("operator's");
            assertThat(f.get("/log/").body()).contains("viewer test page");
        }
    }

    @Test
    void theUrlNamesTheBoundPortAndALoopbackAddressForEveryAddress() throws Exception {
        assertThat(LogViewer.url(WebSettings.DEFAULTS, new InetSocketAddress("127.0.0.1", 8000), "/"))
                .isEqualTo("http://127.0.0.1:8000/");
        assertThat(LogViewer.url(WebSettings.DEFAULTS, new InetSocketAddress("0.0.0.0", 8123), "/log"))
                .isEqualTo("http://127.0.0.1:8123/log/");
        assertThat(LogViewer.url(WebSettings.DEFAULTS.withAddress("0.0.0.0", 0), new InetSocketAddress("::", 8123), "/"))
                .as("0.0.0.0 as a dual-stack JVM binds it").isEqualTo("http://127.0.0.1:8123/");
        assertThat(LogViewer.url(WebSettings.DEFAULTS.withAddress("::", 0), new InetSocketAddress("::", 8000), "/"))
                .isEqualTo("http://[::1]:8000/");
        assertThat(LogViewer.url(WebSettings.DEFAULTS, new InetSocketAddress("::1", 8000), "/log/"))
                .isEqualTo("http://[0:0:0:0:0:0:0:1]:8000/log/");
    }

    @Test
    void namesAreCheckedSegmentBySegment() {
        assertThat(ClasspathFiles.name("/")).isEmpty();
        assertThat(ClasspathFiles.name("/js/app.js")).isEqualTo("js/app.js");
        assertThat(ClasspathFiles.name("/js//app.js")).isEqualTo("js/app.js");
        assertThat(ClasspathFiles.name("/sub/")).isEqualTo("sub/");
        assertThat(ClasspathFiles.name("/a%20b.js")).isEqualTo("a b.js");
        for (String bad : List.of("/..", "/%2e%2e", "/.git/config", "/a%2fb", "/a%5cb", "/a%00", "/c:x", "/%zz",
                "/%c0%ae")) {
            assertThat(ClasspathFiles.name(bad)).as(bad).isNull();
        }
    }

    private static Path jar(Path file, boolean folderEntries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream jar = new JarOutputStream(out)) {
            if (folderEntries) {
                for (String folder : List.of("app/", "app/viewer/", "app/viewer/js/", "app/viewer/sub/")) {
                    jar.putNextEntry(new JarEntry(folder));
                    jar.closeEntry();
                }
            }
            for (Map.Entry<String, String> e : Map.of(
                    "app/viewer/index.html", "<p>from the jar</p>",
                    "app/viewer/js/app.js", "export const x = 1;",
                    "app/viewer/sub/index.html", "<p>sub</p>",
                    "logback.xml", "<configuration>SECRET</configuration>",
                    "app/Secret.class", "SECRET",
                    "Secret.class", "SECRET").entrySet()) {
                jar.putNextEntry(new JarEntry(e.getKey()));
                jar.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        }
        try (InputStream in = Files.newInputStream(file)) {
            assertThat(in.readAllBytes()).isNotEmpty();
        }
        return file;
    }
}

package io.poxlog.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A real web server on an ephemeral loopback port, and the JDK's own HTTP client for it. */
final class WebFixture implements AutoCloseable {
    final WebServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    WebFixture(WebSettings settings) throws IOException {
        server = new WebServer(settings.withAddress("127.0.0.1", 0));
    }

    WebFixture() throws IOException {
        this(WebSettings.DEFAULTS);
    }

    static WebFixture withLimits(WebLimits limits) throws IOException {
        return new WebFixture(WebSettings.DEFAULTS.withLimits(limits));
    }

    WebFixture start() throws IOException {
        server.start();
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.boundAddress().getPort() + path);
    }

    /** The Host this server answers to. */
    String host() {
        return "127.0.0.1:" + server.boundAddress().getPort();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    RawHttp raw() throws IOException {
        return RawHttp.connect(server.boundAddress());
    }

    @Override
    public void close() {
        server.stop();
    }
}

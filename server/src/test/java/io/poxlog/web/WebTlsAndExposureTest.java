package io.poxlog.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.testing.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** TLS as the TCP transport speaks it, and the warning when the server is reachable from other hosts. */
class WebTlsAndExposureTest {

    @Test
    void withTlsRequestsAreServedOverTlsAndTheSameOriginIsHttps() throws Exception {
        try (TestCertificate cert = new TestCertificate()) {
            WebServer server = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0)
                    .withTls(ServerTls.fromPem(cert.certificateFile(), cert.privateKeyFile()))).start();
            try {
                server.mount("/change", e -> {
                    if (e.checkStateChange()) {
                        e.respond(WebResponse.text(200, "secure " + e.request().secure()));
                    }
                });
                HttpClient client = HttpClient.newBuilder().sslContext(cert.trustingIt())
                        .connectTimeout(Duration.ofSeconds(10)).build();
                int port = server.boundAddress().getPort();
                String origin = "https://localhost:" + port;
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(origin + "/change"))
                        .header("Origin", origin).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(r.body()).isEqualTo("secure true");
                HttpResponse<String> plain = client.send(HttpRequest.newBuilder(URI.create(origin + "/change"))
                        .header("Origin", "http://localhost:" + port).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(plain.statusCode()).isEqualTo(403);
            } finally {
                server.stop();
            }
        }
    }

    @Test
    void listeningOnEveryAddressWithoutTokensIsWarnedLoudlyAndStillChecksHost() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("web.webcore");
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        WebServer server = new WebServer(WebSettings.DEFAULTS.withAddress("0.0.0.0", 0)).start();
        try {
            server.mount("/read", e -> e.respond(WebResponse.text(200, "read")));
            assertThat(seen.list).anySatisfy(e -> assertThat(e.getFormattedMessage())
                    .contains("*** UNPROTECTED: listening on 0.0.0.0:" + server.boundAddress().getPort() + " WITHOUT TOKENS"));
            try (RawHttp c = RawHttp.connect(new java.net.InetSocketAddress("127.0.0.1", server.boundAddress().getPort()))) {
                assertThat(c.get("/read", "127.0.0.1").text()).isEqualTo("read");
                assertThat(c.get("/read", "localhost").text()).isEqualTo("read");
                assertThat(c.get("/read", "evil.example").status()).isEqualTo(421);
            }
        } finally {
            server.stop();
            logger.detachAppender(seen);
        }
        seen.list.clear();
        logger.addAppender(seen);
        WebServer withTokens = new WebServer(WebSettings.DEFAULTS.withAddress("0.0.0.0", 0), () -> true).start();
        withTokens.stop();
        logger.detachAppender(seen);
        assertThat(seen.list).anySatisfy(e -> assertThat(e.getFormattedMessage()).contains("without TLS"))
                .noneSatisfy(e -> assertThat(e.getFormattedMessage()).contains("UNPROTECTED"));
    }
}

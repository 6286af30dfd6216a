package io.poxlog.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import io.poxlog.testing.Tokens;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** One appender in a real logback.xml starts the messenger and log service inside the application. */
class EmbeddingTest {

    /** A logger context configured by a real logback.xml with the appender in it. */
    private static LoggerContext configured() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(EmbeddingTest.class.getResource("/embedded-logback.xml"));
        return ctx;
    }

    @Test
    void anAppenderInLogbackXmlServesTheApplicationsLog() throws Exception {
        LoggerContext ctx = configured();
        MessengerAppender appender = (MessengerAppender) ctx.getLogger("ROOT").getAppender("messenger");
        assertThat(appender.isStarted()).isTrue();
        assertThat(appender.logService().config().retain()).isEqualTo(100);
        InetSocketAddress address = appender.boundAddress();
        assertThat(address.getAddress().isLoopbackAddress()).isTrue();
        try {
            try (WireClient c = WireClient.connect(address)) {
                c.welcome();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_app\",\"json\":true}");
                c.drain();
                ctx.getLogger("app.orders").info("order {} placed", 42);
                JsonNode r = c.next(m -> m.path("message").asText().equals("order 42 placed"));
                assertThat(r.get("name").asText()).isEqualTo("app.orders");
                assertThat(r.get("funcName").asText()).isEqualTo("anAppenderInLogbackXmlServesTheApplicationsLog");
                assertThat(r.get("filename").asText()).isEqualTo("EmbeddingTest.java");
                assertThat(r.get("lineno").asInt()).isPositive();
                assertThat(r.get("module").asText()).isEqualTo("EmbeddingTest");
                // Level commands reach the application's own logger context.
                c.send("{\"CHANNEL\":\"log\",\"setLevels\":{\"app.orders\":\"ERROR\"}}");
                c.drain();
                assertThat(ctx.getLogger("app.orders").isInfoEnabled()).isFalse();
            }
        } finally {
            ctx.stop();
        }
        assertThat(appender.isStarted()).isFalse();
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void aPortInUseIsAnAppenderErrorAndTheApplicationGoesOn() throws Exception {
        LoggerContext first = configured();
        int port = ((MessengerAppender) first.getLogger("ROOT").getAppender("messenger")).boundAddress().getPort();
        try {
            LoggerContext second = new LoggerContext();
            MessengerAppender a = new MessengerAppender();
            a.setContext(second);
            a.setPort(port);
            a.start();
            assertThat(a.isStarted()).isFalse();
            assertThat(second.getStatusManager().getCopyOfStatusList())
                    .anySatisfy(s -> assertThat(s.getMessage()).contains("cannot listen on 127.0.0.1:" + port));
            second.getLogger("app").info("logging still works");
            second.stop();
        } finally {
            first.stop();
        }
    }

    @Test
    void aTokensFileMakesClientsAuthenticateAndABadOneIsAnAppenderError(@TempDir Path dir) throws Exception {
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, Tokens.ADMIN + " admin\n");
        LoggerContext ctx = new LoggerContext();
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.setTokensFile(tokens.toString());
        a.start();
        try (WireClient c = WireClient.connect(a.boundAddress())) {
            assertThat(c.welcome().get("auth_required").asBoolean()).isTrue();
            assertThat(c.authenticate(Tokens.ADMIN).get("role").asText()).isEqualTo("admin");
        } finally {
            a.stop();
        }
        Files.writeString(tokens, Tokens.ADMIN + " owner\n");
        MessengerAppender bad = new MessengerAppender();
        bad.setContext(ctx);
        bad.setPort(0);
        bad.setTokensFile(tokens.toString());
        bad.start();
        assertThat(bad.isStarted()).isFalse();
        assertThat(ctx.getStatusManager().getCopyOfStatusList()).anySatisfy(st -> assertThat(st.getMessage())
                .contains("line 1: unknown role 'owner'").doesNotContain(Tokens.ADMIN));
        ctx.stop();
    }

    /** A context with a second appender, as an application has: it must go on logging. */
    private static ListAppender<ILoggingEvent> otherAppender(LoggerContext ctx) {
        ListAppender<ILoggingEvent> other = new ListAppender<>();
        other.setContext(ctx);
        other.start();
        ctx.getLogger("ROOT").addAppender(other);
        return other;
    }

    private static List<String> errors(LoggerContext ctx) {
        return ctx.getStatusManager().getCopyOfStatusList().stream().filter(st -> st.getLevel() == Status.ERROR)
                .map(Status::getMessage).toList();
    }

    private static void assertStartedNothingAndTheApplicationLogs(LoggerContext ctx, MessengerAppender a,
                                                                   ListAppender<ILoggingEvent> other) {
        assertThat(a.isStarted()).isFalse();
        assertThat(a.logService()).isNull();
        assertThat(a.boundAddress()).isNull();
        ctx.getLogger("ROOT").addAppender(a);
        ctx.getLogger("app").warn("still logging");
        assertThat(other.list).extracting(ILoggingEvent::getFormattedMessage).contains("still logging");
    }

    @Test
    void everyBadPropertyIsAStatusErrorWithItsValueAndNothingStarts() {
        LoggerContext ctx = new LoggerContext();
        ListAppender<ILoggingEvent> other = otherAppender(ctx);
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(70000);
        a.setRetain(-1);
        a.setMaxMessagesPerSecond(0);
        a.setMaxLevelFor(-1);
        a.setComponents("messenger.nothing_like_this");
        a.setTlsProtocols("TLSv1.3");
        a.start();
        assertThat(errors(ctx)).containsExactlyInAnyOrder(
                "MessengerAppender: <port>70000</port>: messenger.tcp_transport: --tcp_port must be between 0 and 65535, not 70000",
                "MessengerAppender: <retain>-1</retain>: messenger.log_service: --retain must be between 0 and 10000000, not -1",
                "MessengerAppender: <maxMessagesPerSecond>0</maxMessagesPerSecond>: messenger.tcp_transport: "
                        + "--max_messages_per_second must be between 1 and 100000000, not 0",
                "MessengerAppender: <maxLevelFor>-1</maxLevelFor>: messenger.log_service: --max_level_for must be between 0 and "
                        + io.poxlog.logservice.LogServiceConfig.MAX_LEVEL_FOR + ", not -1",
                "MessengerAppender: <tlsProtocols>TLSv1.3</tlsProtocols> needs tlsCert and tlsKey",
                "MessengerAppender: <components>messenger.nothing_like_this</components>: unknown component "
                        + "'messenger.nothing_like_this'; known: messenger, messenger.tcp_transport, "
                        + "messenger.tcp_transport:active, messenger.log_service, messenger.example, log.level, demo, web.webcore, "
                        + "messenger.ws_transport, messenger.web_transport, messenger.ajax_transport, web.log_viewer");
        assertStartedNothingAndTheApplicationLogs(ctx, a, other);
        ctx.stop();
    }

    @Test
    void aTlsFileMissingOrNotPemIsAStatusErrorAndNothingStarts(@TempDir Path dir) throws Exception {
        LoggerContext ctx = new LoggerContext();
        ListAppender<ILoggingEvent> other = otherAppender(ctx);
        MessengerAppender missing = new MessengerAppender();
        missing.setContext(ctx);
        missing.setPort(0);
        missing.setTlsCert(dir.resolve("nowhere.pem").toString());
        missing.setTlsKey(dir.resolve("key.pem").toString());
        missing.start();
        assertThat(errors(ctx)).contains("MessengerAppender: <tlsCert>" + dir.resolve("nowhere.pem") + "</tlsCert>: cannot read "
                + dir.resolve("nowhere.pem") + ": no such file");
        assertStartedNothingAndTheApplicationLogs(ctx, missing, other);

        Path cert = Files.writeString(dir.resolve("cert.pem"), "not a certificate\n");
        Path key = Files.writeString(dir.resolve("key.pem"), "not a key\n");
        MessengerAppender garbled = new MessengerAppender();
        garbled.setContext(ctx);
        garbled.setPort(0);
        garbled.setTlsCert(cert.toString());
        garbled.setTlsKey(key.toString());
        garbled.start();
        assertThat(errors(ctx)).anySatisfy(e -> assertThat(e).startsWith("MessengerAppender cannot start its messenger: "
                + "messenger.tcp_transport: ").contains(cert.toString()));
        assertStartedNothingAndTheApplicationLogs(ctx, garbled, other);
        ctx.stop();
    }

    @Test
    void aMissingTokensFileIsAStatusErrorNamingItAndNothingStarts(@TempDir Path dir) {
        LoggerContext ctx = new LoggerContext();
        ListAppender<ILoggingEvent> other = otherAppender(ctx);
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.setTokensFile(dir.resolve("tokens").toString());
        a.start();
        assertThat(errors(ctx)).singleElement().satisfies(e -> assertThat(e)
                .startsWith("MessengerAppender: <tokensFile>" + dir.resolve("tokens") + "</tokensFile>: messenger: cannot read the tokens file"));
        assertStartedNothingAndTheApplicationLogs(ctx, a, other);
        ctx.stop();
    }

    @Test
    void stopSaysHowLongItTookAndWhetherAnyRecordWasLeftUnsent() {
        LoggerContext ctx = new LoggerContext();
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.start();
        assertThat(a.isStarted()).isTrue();
        ctx.getLogger("ROOT").addAppender(a);
        ctx.getLogger("app").info("one");
        ctx.stop();
        assertThat(a.isStarted()).isFalse();
        assertThat(ctx.getStatusManager().getCopyOfStatusList()).extracting(Status::getMessage)
                .anySatisfy(m -> assertThat(m).matches("MessengerAppender stopped in \\d+ ms; every record taken was sent to subscribers"));
    }

    @Test
    void itsComponentsPropertyStartsWhatBinControllerCanThroughTheSameCode() throws Exception {
        // Here the web server: the launcher's web.webcore, as `bin/controller web.webcore` starts it.
        LoggerContext ctx = new LoggerContext();
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.setComponents("web.webcore --port=0");
        a.start();
        try {
            assertThat(a.isStarted()).as("%s", errors(ctx)).isTrue();
            assertThat(a.listening()).hasSize(2);
            InetSocketAddress web = a.listening().get(1);
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + web.getPort() + "/nothing")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("\"error\"");
        } finally {
            a.stop();
            ctx.stop();
        }
        assertThat(a.listening()).isEmpty();
    }

    @Test
    void theBrowserViewerIsServedFromTheApplicationsClassPath() throws Exception {
        LoggerContext ctx = new LoggerContext();
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.setComponents("web.webcore --port=0 messenger.ws_transport web.log_viewer");
        a.start();
        try {
            assertThat(a.isStarted()).as("%s", errors(ctx)).isTrue();
            InetSocketAddress web = a.listening().get(1);
            java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + web.getPort() + "/log/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            boolean shipped = getClass().getClassLoader().getResource("io/poxlog/web/viewer/index.html") != null;
            assertThat(page.statusCode()).isEqualTo(shipped ? 200 : 404);
            assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("connect-src 'self'");
        } finally {
            a.stop();
            ctx.stop();
        }
    }

    @Test
    void webPortAndWsTransportInLogbackXmlServeTheLogOverWebSocketToo() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(EmbeddingTest.class.getResource("/embedded-web-logback.xml"));
        MessengerAppender a = (MessengerAppender) ctx.getLogger("ROOT").getAppender("messenger");
        try {
            assertThat(a.isStarted()).as("%s", errors(ctx)).isTrue();
            assertThat(a.isWsTransport()).isTrue();
            assertThat(a.listening()).as("TCP, then the web server").hasSize(2);
            InetSocketAddress web = a.listening().get(1);
            try (io.poxlog.testing.WsClient c = io.poxlog.testing.WsClient.connect(java.net.URI.create(
                    "ws://127.0.0.1:" + web.getPort() + "/_webmsg/ws"), java.util.Map.of())) {
                c.welcome();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_web\",\"json\":true}");
                c.send("{\"test\":\"joined\"}");
                c.next(m -> m.has("test"));
                ctx.getLogger("app.web").info("served over {}", "WebSocket");
                assertThat(c.next(m -> "app.web".equals(m.path("name").asText())).get("message").asText())
                        .isEqualTo("served over WebSocket");
            }
        } finally {
            ctx.stop();
        }
        assertThat(a.listening()).isEmpty();
    }

    @Test
    void cometAndJsonRpcTransportsInLogbackXmlServeTheLogOverHttpToo() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(EmbeddingTest.class.getResource("/embedded-http-logback.xml"));
        MessengerAppender a = (MessengerAppender) ctx.getLogger("ROOT").getAppender("messenger");
        try {
            assertThat(a.isStarted()).as("%s", errors(ctx)).isTrue();
            assertThat(a.isCometTransport()).isTrue();
            assertThat(a.isJsonRpcTransport()).isTrue();
            assertThat(a.isWsTransport()).isFalse();
            assertThat(a.listening()).as("TCP, then the web server").hasSize(2);
            int web = a.listening().get(1).getPort();
            try (io.poxlog.testing.CometClient comet = io.poxlog.testing.CometClient.connect(java.net.URI.create(
                    "http://127.0.0.1:" + web + "/_webmsg/"), java.util.Map.of());
                 io.poxlog.testing.JsonRpcClient rpc = io.poxlog.testing.JsonRpcClient.connect(java.net.URI.create(
                         "http://127.0.0.1:" + web + "/_jrpcmsg/"), java.util.Map.of())) {
                comet.welcome();
                rpc.welcome();
                comet.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_comet\",\"json\":true}");
                rpc.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_rpc\",\"json\":true}");
                comet.send("{\"test\":\"joined\"}");
                rpc.send("{\"test\":\"joined\"}");
                comet.next(m -> m.has("test"));
                rpc.next(m -> m.has("test"));
                ctx.getLogger("app.web").info("served over {}", "HTTP");
                assertThat(comet.next(m -> "app.web".equals(m.path("name").asText())).get("message").asText())
                        .isEqualTo("served over HTTP");
                assertThat(rpc.next(m -> "app.web".equals(m.path("name").asText())).get("message").asText())
                        .isEqualTo("served over HTTP");
            }
        } finally {
            ctx.stop();
        }
        assertThat(a.listening()).isEmpty();
    }

    @Test
    void theWebServerIsOffByDefaultAndAWebTransportWithoutItIsAStatusError() {
        MessengerAppender off = new MessengerAppender();
        assertThat(off.getWebPort()).isEqualTo(-1);
        assertThat(off.getWebAddress()).isEqualTo("127.0.0.1");
        assertThat(off.isWsTransport()).isFalse();
        assertThat(off.isCometTransport()).isFalse();
        assertThat(off.isJsonRpcTransport()).isFalse();

        LoggerContext ctx = new LoggerContext();
        ListAppender<ILoggingEvent> other = otherAppender(ctx);
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.setWebAddress("127.0.0.1");
        a.setWsTransport(true);
        a.start();
        assertThat(errors(ctx)).containsExactlyInAnyOrder(
                "MessengerAppender: <webAddress>127.0.0.1</webAddress> needs webPort: the web server is off without it",
                "MessengerAppender: <wsTransport>true</wsTransport> needs webPort: it is served by the web server, "
                        + "which is off without it");
        assertStartedNothingAndTheApplicationLogs(ctx, a, other);
        ctx.stop();

        LoggerContext bad = new LoggerContext();
        MessengerAppender port = new MessengerAppender();
        port.setContext(bad);
        port.setPort(0);
        port.setWebPort(70000);
        port.start();
        assertThat(errors(bad)).containsExactly(
                "MessengerAppender: <webPort>70000</webPort>: web.webcore: --port must be between 0 and 65535, not 70000");
        assertThat(port.isStarted()).isFalse();
        bad.stop();
    }
}

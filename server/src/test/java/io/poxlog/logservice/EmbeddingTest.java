package io.poxlog.logservice;

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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;

/** One appender in a real logback.xml starts the messenger and log service inside the application. */
class EmbeddingTest {

    @Test
    void anAppenderInLogbackXmlServesTheApplicationsLog() throws Exception {
        LoggerContext ctx = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(ctx);
        configurator.doConfigure(EmbeddingTest.class.getResource("/embedded-logback.xml"));
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
        LoggerContext first = new LoggerContext();
        JoranConfigurator c1 = new JoranConfigurator();
        c1.setContext(first);
        c1.doConfigure(EmbeddingTest.class.getResource("/embedded-logback.xml"));
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
}

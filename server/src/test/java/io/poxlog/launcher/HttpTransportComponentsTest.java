package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.LoggerContext;
import io.poxlog.embedding.MessengerAppender;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.JsonRpcClient;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code messenger.web_transport} and {@code messenger.ajax_transport} on the command line and in
 * the embedding appender's {@code components}: mounted on web.webcore, refused without it, their
 * options checked.
 */
class HttpTransportComponentsTest {
    @Test
    void bothMountOnWebCoreAndSpeakTheMessengerWithTheirOptions() throws Exception {
        ControllerRuntime rt = new ControllerRuntime();
        WebCoreComponent web = new WebCoreComponent();
        WebTransportComponent comet = new WebTransportComponent();
        AjaxTransportComponent ajax = new AjaxTransportComponent();
        ComponentRequest webRequest = new ComponentRequest("web.webcore", Map.of("port", "0"));
        ComponentRequest cometRequest = new ComponentRequest(comet.name(), Map.of("username", "u", "password", "p",
                "max_sessions_per_address", "2"));
        ComponentRequest ajaxRequest = new ComponentRequest(ajax.name(), Map.of("max_sessions", "5"));
        try {
            comet.validate(cometRequest);
            ajax.validate(ajaxRequest);
            web.prepare(rt, webRequest);
            web.start(rt, webRequest);
            comet.start(rt, cometRequest);
            ajax.start(rt, ajaxRequest);
            String base = "http://127.0.0.1:" + rt.webServer().boundAddress().getPort();
            assertThat(CometClient.post(URI.create(base + "/_webmsg/new"), Map.of(), "{\"seq\":1,\"data\":null}")
                    .statusCode()).isEqualTo(401);
            Map<String, String> basic = Map.of("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString("u:p".getBytes(StandardCharsets.UTF_8)));
            try (CometClient c = CometClient.connect(URI.create(base + "/_webmsg/"), basic)) {
                assertThat(c.welcome().get("session_id").asText()).isEqualTo(c.key());
                CometClient.post(URI.create(base + "/_webmsg/new"), basic, "{\"seq\":1,\"data\":null}");
                HttpResponse<String> third = CometClient.post(URI.create(base + "/_webmsg/new"), basic,
                        "{\"seq\":1,\"data\":null}");
                assertThat(third.statusCode()).isEqualTo(429);
            }
            try (JsonRpcClient j = JsonRpcClient.connect(URI.create(base + "/_jrpcmsg/"), Map.of())) {
                j.welcome();
                j.send("{\"CHANNEL\":\"\",\"test\":\"up\"}");
                assertThat(j.next().get("test").asText()).isEqualTo("UP");
            }
        } finally {
            rt.stop();
        }
    }

    @Test
    void withoutWebCoreTheyAreRefusedSayingWhatToLoad() {
        ControllerRuntime rt = new ControllerRuntime();
        try {
            for (Component c : new Component[] {new WebTransportComponent(), new AjaxTransportComponent()}) {
                assertThatThrownBy(() -> c.start(rt, new ComponentRequest(c.name(), Map.of())))
                        .isInstanceOf(UsageException.class).hasMessageContaining("needs web.webcore");
            }
        } finally {
            rt.stop();
        }
    }

    @Test
    void badOptionsAreRefused() {
        for (Component c : new Component[] {new WebTransportComponent(), new AjaxTransportComponent()}) {
            assertThatThrownBy(() -> c.validate(new ComponentRequest(c.name(), Map.of("username", "u"))))
                    .isInstanceOf(UsageException.class).hasMessageContaining("go together");
            assertThatThrownBy(() -> c.validate(new ComponentRequest(c.name(), Map.of("max_sessions", "0"))))
                    .isInstanceOf(UsageException.class);
            assertThatThrownBy(() -> c.validate(new ComponentRequest(c.name(), Map.of("idle_timeout", "-1"))))
                    .isInstanceOf(UsageException.class);
            assertThat(new Components().get(c.name())).isNotNull();
        }
    }

    @Test
    void theAppendersComponentsPropertyStartsThem() throws Exception {
        LoggerContext ctx = new LoggerContext();
        MessengerAppender a = new MessengerAppender();
        a.setContext(ctx);
        a.setPort(0);
        a.setComponents("web.webcore --port=0 messenger.web_transport messenger.ajax_transport");
        a.start();
        try {
            assertThat(a.isStarted()).isTrue();
            InetSocketAddress web = a.listening().get(1);
            try (CometClient c = CometClient.connect(URI.create("http://127.0.0.1:" + web.getPort() + "/_webmsg/"), Map.of());
                 JsonRpcClient j = JsonRpcClient.connect(URI.create("http://127.0.0.1:" + web.getPort() + "/_jrpcmsg/"),
                         Map.of())) {
                assertThat(c.welcome().get("server").asText()).isEqualTo("poxlog");
                assertThat(j.welcome().get("server").asText()).isEqualTo("poxlog");
            }
        } finally {
            a.stop();
            ctx.stop();
        }
    }
}

package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.testing.WsClient;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code messenger.ws_transport} on the command line: mounted on web.webcore, refused without it. */
class WsTransportComponentTest {
    @Test
    void itMountsOnWebCoreAndSpeaksTheMessenger() throws Exception {
        ControllerRuntime rt = new ControllerRuntime();
        WebCoreComponent web = new WebCoreComponent();
        WsTransportComponent ws = new WsTransportComponent();
        ComponentRequest webRequest = new ComponentRequest("web.webcore", Map.of("port", "0"));
        ComponentRequest wsRequest = new ComponentRequest(ws.name(), Map.of("max_frame_bytes", "4096",
                "ping_interval", "5"));
        try {
            ws.validate(wsRequest);
            web.prepare(rt, webRequest);
            ws.prepare(rt, wsRequest);
            web.start(rt, webRequest);
            ws.start(rt, wsRequest);
            URI uri = URI.create("ws://127.0.0.1:" + rt.webServer().boundAddress().getPort() + "/_webmsg/ws");
            try (WsClient c = WsClient.connect(uri, Map.of())) {
                assertThat(c.welcome().get("session_id").asText()).isNotEmpty();
                c.send("{\"msg\":\"" + "x".repeat(5000) + "\"}");
                assertThat(c.next().get("error").asText()).contains("limit of 4096 bytes");
            }
        } finally {
            rt.stop();
        }
    }

    @Test
    void withoutWebCoreItIsRefusedSayingWhatToLoad() {
        ControllerRuntime rt = new ControllerRuntime();
        WsTransportComponent ws = new WsTransportComponent();
        try {
            assertThatThrownBy(() -> ws.start(rt, new ComponentRequest(ws.name(), Map.of())))
                    .isInstanceOf(UsageException.class).hasMessageContaining("needs web.webcore");
        } finally {
            rt.stop();
        }
    }

    @Test
    void badOptionsAreRefused() {
        WsTransportComponent ws = new WsTransportComponent();
        assertThatThrownBy(() -> ws.validate(new ComponentRequest(ws.name(), Map.of("ping_interval", "0"))))
                .isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> ws.validate(new ComponentRequest(ws.name(), Map.of("max_frame_bytes", "10"))))
                .isInstanceOf(UsageException.class);
    }
}

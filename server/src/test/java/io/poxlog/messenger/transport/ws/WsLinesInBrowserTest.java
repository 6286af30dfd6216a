package io.poxlog.messenger.transport.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import io.poxlog.web.WebResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Subprotocol {@value WsTransport#LINES} as Chromium takes it (PROTOCOL.md §12): offered, it is
 * chosen ({@code ws.protocol}) and each frame is one event whose data is whole lines; offered only
 * other subprotocols, the server chooses none, and Chromium then fails the connection itself (the
 * script sees no open, and a close 1006), where the JDK's client goes on without one.
 */
@RequiresBrowser
class WsLinesInBrowserTest {
    private static final String PAGE = """
            <!doctype html><meta charset="utf-8"><title>ws lines</title><script>
            window.events = [];
            window.connect = (protocols) => {
              const ws = new WebSocket('ws://' + location.host + '%s', protocols);
              ws.onopen = () => events.push('open ' + JSON.stringify(ws.protocol));
              ws.onmessage = (e) => events.push('message ' + JSON.stringify(e.data));
              ws.onclose = (e) => events.push('close ' + e.code);
            };
            </script>""".formatted(WsTransport.PATH);

    @SuppressWarnings("unchecked")
    private static List<String> events(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("return window.events.slice()");
    }

    private static void awaitEvent(Browser browser, String prefix) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20), Duration.ofMillis(20))
                .until(d -> events(browser).stream().anyMatch(e -> e.startsWith(prefix)));
    }

    @Test
    void chromiumGetsLinesWhenItOffersThemAndFailsAConnectionOfferingOnlyAnother(Browser browser) throws Exception {
        try (WsFixture fx = new WsFixture()) {
            fx.web.mount("/lines-test", e -> e.respond(WebResponse.of(200, "text/html; charset=utf-8",
                    PAGE.getBytes(StandardCharsets.UTF_8))));
            browser.driver().get(fx.origin() + "/lines-test");
            ((JavascriptExecutor) browser.driver()).executeScript("connect(['poxlog-jsonl'])");
            awaitEvent(browser, "message ");
            List<String> seen = events(browser);
            assertThat(seen.get(0)).isEqualTo("open \"poxlog-jsonl\"");
            assertThat(seen.get(1)).startsWith("message \"{\\\"CHANNEL\\\":\\\"\\\",\\\"cmd\\\":\\\"welcome\\\"")
                    .endsWith("}\\n\"");

            ((JavascriptExecutor) browser.driver()).executeScript("window.events = []; connect(['chat'])");
            awaitEvent(browser, "close ");
            assertThat(events(browser)).containsExactly("close 1006");
        }
    }
}

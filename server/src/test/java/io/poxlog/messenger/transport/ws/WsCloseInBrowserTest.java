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
 * The close codes Chromium's scripts see (PROTOCOL.md §12): 1001 when the transport stops, where it
 * saw 1006 while the server answered the browser's answer to its close with a second close; and a
 * transport mounted anew after a stop serves the browser's WebSockets as the first did. And
 * subprotocol {@value WsTransport#LINES} as Chromium takes it: offered, it is chosen
 * ({@code ws.protocol}) and each frame is one event whose data is whole lines; offered only other
 * subprotocols, the server chooses none, and Chromium then fails the connection itself (no open,
 * a close 1006), where the JDK's client goes on without one.
 */
@RequiresBrowser
class WsCloseInBrowserTest {
    /**
     * A page whose {@code connect()} opens a WebSocket to the transport and logs what happens to
     * it; {@code connectWith(protocols)} offers subprotocols and logs each frame's data as it is.
     */
    private static final String PAGE = """
            <!doctype html><meta charset="utf-8"><title>ws close</title><script>
            window.events = [];
            window.connect = () => {
              const ws = new WebSocket('ws://' + location.host + '%1$s');
              window.ws = ws;
              ws.onmessage = (e) => events.push('message ' + JSON.parse(e.data).cmd + ' ' + (JSON.parse(e.data).test || ''));
              ws.onclose = (e) => events.push('close ' + e.code);
            };
            window.connectWith = (protocols) => {
              const ws = new WebSocket('ws://' + location.host + '%1$s', protocols);
              ws.onopen = () => events.push('open ' + JSON.stringify(ws.protocol));
              ws.onmessage = (e) => events.push('data ' + JSON.stringify(e.data));
              ws.onclose = (e) => events.push('close ' + e.code);
            };
            </script>""".formatted(WsTransport.PATH);

    @SuppressWarnings("unchecked")
    private static List<String> events(Browser browser) {
        return (List<String>) ((JavascriptExecutor) browser.driver()).executeScript("return window.events.slice()");
    }

    private static void script(Browser browser, String js) {
        ((JavascriptExecutor) browser.driver()).executeScript(js);
    }

    /** Serves {@link #PAGE} on the fixture's web server and opens it. */
    private static void open(WsFixture fx, Browser browser) {
        fx.web.mount("/close-test", e -> e.respond(WebResponse.of(200, "text/html; charset=utf-8",
                PAGE.getBytes(StandardCharsets.UTF_8))));
        browser.driver().get(fx.origin() + "/close-test");
    }

    private static void awaitEvent(Browser browser, String prefix) {
        new WebDriverWait(browser.driver(), Duration.ofSeconds(20), Duration.ofMillis(20))
                .until(d -> events(browser).stream().anyMatch(e -> e.startsWith(prefix)));
    }

    @Test
    void chromiumSees1001WhenTheTransportStopsAndANewTransportServesItAfter(Browser browser) throws Exception {
        try (WsFixture fx = new WsFixture()) {
            open(fx, browser);
            script(browser, "connect()");
            awaitEvent(browser, "message welcome");

            fx.ws.stop();
            awaitEvent(browser, "close ");
            assertThat(events(browser)).filteredOn(e -> e.startsWith("close ")).containsExactly("close 1001");

            WsTransport again = new WsTransport(fx.nexus, WsSettings.DEFAULTS).mountOn(fx.web);
            try {
                script(browser, "window.events = []; connect()");
                awaitEvent(browser, "message welcome");
                script(browser, "ws.send(JSON.stringify({test: 'again'}))");
                awaitEvent(browser, "message undefined AGAIN");
                assertThat(again.openConnections()).isEqualTo(1);
                again.stop();
                awaitEvent(browser, "close ");
                assertThat(events(browser)).filteredOn(e -> e.startsWith("close ")).containsExactly("close 1001");
            } finally {
                again.stop();
            }
        }
    }

    @Test
    void chromiumGetsLinesWhenItOffersThemAndFailsAConnectionOfferingOnlyAnother(Browser browser) throws Exception {
        try (WsFixture fx = new WsFixture()) {
            open(fx, browser);
            script(browser, "connectWith(['poxlog-jsonl'])");
            awaitEvent(browser, "data ");
            List<String> seen = events(browser);
            assertThat(seen.get(0)).isEqualTo("open \"poxlog-jsonl\"");
            assertThat(seen.get(1)).startsWith("data \"{\\\"CHANNEL\\\":\\\"\\\",\\\"cmd\\\":\\\"welcome\\\"")
                    .endsWith("}\\n\"");

            script(browser, "window.events = []; connectWith(['chat'])");
            awaitEvent(browser, "close ");
            assertThat(events(browser)).containsExactly("close 1006");
        }
    }
}

package io.poxlog.messenger.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.messenger.transport.comet.CometSettings;
import io.poxlog.messenger.transport.jsonrpc.JsonRpcSettings;
import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.StaticFiles;
import io.poxlog.web.WebServer;
import io.poxlog.web.WebSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * CORS in Chromium: a page of another origin (another web server, on another port) that is in the
 * controller's {@code --allowed_origins} uses JSON-RPC (preflighted) and comet (a simple POST, then
 * a GET whose sequence number it reads) with {@code fetch} and gets its welcomes; the same page
 * from an origin not allowed fails both, and the controller made no session for it.
 */
@RequiresBrowser
class CrossOriginBrowserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private WebServer allowedPages;
    private WebServer otherPages;
    private WebMessengerFixture fx;

    @BeforeEach
    void start() throws Exception {
        Path pages = Path.of(CrossOriginBrowserTest.class.getResource("cross-origin.html").toURI()).getParent();
        allowedPages = pageServer(pages);
        otherPages = pageServer(pages);
        fx = new WebMessengerFixture(CometSettings.DEFAULTS, JsonRpcSettings.DEFAULTS,
                WebSettings.DEFAULTS.withAllowedOrigins(List.of(origin(allowedPages))), null);
    }

    private static WebServer pageServer(Path pages) throws Exception {
        WebServer s = new WebServer(WebSettings.DEFAULTS.withAddress("127.0.0.1", 0));
        s.mount("/pages", new StaticFiles(pages));
        return s.start();
    }

    private static String origin(WebServer s) {
        return "http://127.0.0.1:" + s.boundAddress().getPort();
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
        allowedPages.stop();
        otherPages.stop();
    }

    private JsonNode run(WebDriver d, WebServer pages) throws Exception {
        d.get(origin(pages) + "/pages/cross-origin.html#" + fx.origin());
        String shown = new WebDriverWait(d, Duration.ofSeconds(30), Duration.ofMillis(50))
                .until(x -> {
                    String t = d.findElement(By.id("result")).getText();
                    return t.isEmpty() ? null : t;
                });
        return MAPPER.readTree(shown);
    }

    @Test
    void aPageOfAnAllowedOriginTalksToTheControllerAndOneOfAnotherCannot(Browser browser) throws Exception {
        JsonNode allowed = run(browser.driver(), allowedPages);
        assertThat(allowed.get("rpc").asText()).isEqualTo("welcome");
        assertThat(allowed.get("comet").asText()).as("the exposed sequence number too").isEqualTo("welcome 0");
        assertThat(fx.jsonrpc.openSessions()).isEqualTo(1);
        assertThat(fx.comet.openSessions()).isEqualTo(1);

        JsonNode other = run(browser.driver(), otherPages);
        assertThat(other.get("rpc").asText()).as("its preflight refused").startsWith("failed: TypeError");
        assertThat(other.get("comet").asText()).as("its simple POST refused").startsWith("failed: TypeError");
        assertThat(fx.jsonrpc.openSessions()).as("nothing made for it").isEqualTo(1);
        assertThat(fx.comet.openSessions()).isEqualTo(1);
    }
}

package io.poxlog.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The browser-test setup proven on a page: a module script run by headless Chromium fills in the DOM. */
@RequiresBrowser
class BrowserTest {
    private static final String PAGES = "/io/poxlog/testing/browser/";
    private static final Map<String, String> TYPES = Map.of(
            "/index.html", "text/html; charset=utf-8",
            "/app.js", "text/javascript; charset=utf-8");

    private final List<String> requested = new CopyOnWriteArrayList<>();
    private HttpServer pages;

    @BeforeEach
    void servePages() throws IOException {
        pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/", this::serve);
        pages.start();
    }

    @AfterEach
    void stopPages() {
        pages.stop(0);
    }

    @Test
    void aModuleScriptRendersIntoThePage(Browser browser) throws IOException {
        WebDriver driver = browser.driver();
        driver.get("http://127.0.0.1:" + pages.getAddress().getPort() + "/index.html");

        new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(20))
                .until(ExpectedConditions.textToBe(By.id("status"), "rendered 3 records from a module"));
        List<WebElement> records = driver.findElements(By.cssSelector("#records li"));
        assertThat(records).extracting(WebElement::getText).containsExactly(
                "INFO|openflow.of_01|[00-00-00-00-00-01 1] connected",
                "WARNING|forwarding.l2_learning|Same port for packet",
                "ERROR|host_tracker|Exception while handling PacketIn");
        assertThat(records.get(2).getCssValue("color")).isEqualTo("rgba(179, 38, 30, 1)"); // the page's style
        assertThat(requested).contains("/index.html", "/app.js");

        Path file = browser.screenshot(BrowserExtension.SCREENSHOTS.resolve("BrowserTest.page.png"));
        BufferedImage screenshot = ImageIO.read(file.toFile());
        assertThat(screenshot).as("a PNG at %s", file).isNotNull();
        assertThat(screenshot.getWidth()).isEqualTo(Browser.WINDOW_WIDTH);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            String type = TYPES.get(path);
            if (type == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body;
            try (InputStream in = BrowserTest.class.getResourceAsStream(PAGES + path.substring(1))) {
                body = in.readAllBytes();
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}

package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The viewer's Content-Security-Policy in a real Chromium: a page served by web.log_viewer may
 * open a WebSocket to its own origin ({@code connect-src 'self'} covers {@code ws://} to the same
 * host and port), and to no other port; its inline scripts do not run. The page is the tests' own
 * ({@code io/poxlog/web/viewertest/}), which reports what it could do.
 */
@RequiresBrowser
class LogViewerBrowserTest {

    @Test
    void thePageReachesItsOwnWebSocketAndCspRefusesAnotherPort(Browser browser) throws Exception {
        AtomicInteger otherConnections = new AtomicInteger();
        ControllerRuntime rt = LogViewerComponentTest.start(List.of("messenger", "web.webcore", "--port=0",
                "messenger.ws_transport", "web.log_viewer"));
        // another port of the same host, which would take a connection if the browser made one
        try (ServerSocket other = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            Thread acceptor = new Thread(() -> {
                while (!other.isClosed()) {
                    try (Socket s = other.accept()) {
                        otherConnections.incrementAndGet();
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "other-port");
            acceptor.setDaemon(true);
            acceptor.start();
            int port = rt.webServer().boundAddress().getPort();
            WebDriver driver = browser.driver();
            driver.get("http://127.0.0.1:" + port + "/log/?other=" + other.getLocalPort());
            new WebDriverWait(driver, Duration.ofSeconds(30), Duration.ofMillis(50))
                    .until(ExpectedConditions.textToBe(By.id("status"), "done"));

            assertThat(driver.findElement(By.id("inline")).getText()).isEqualTo("inline script blocked");
            assertThat(driver.findElement(By.id("same")).getText())
                    .as("a WebSocket to the page's own host and port").isEqualTo("message welcome");
            assertThat(driver.findElement(By.id("other")).getText()).isIn("error", "thrown SecurityError");
            assertThat(driver.findElement(By.id("violations")).getText())
                    .contains("connect-src ws://127.0.0.1:" + other.getLocalPort() + "/_webmsg/ws");
            assertThat(otherConnections.get()).as("connections the browser made to the other port").isZero();
            // the page's stylesheet applied: style-src 'self' lets it
            assertThat(driver.findElement(By.id("status")).getCssValue("color")).isEqualTo("rgba(179, 38, 30, 1)");
        } finally {
            rt.stop();
        }
    }
}

package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.StaticFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * POX's own browser client, {@code webmessenger.js} and {@code webmessenger.html} copied unchanged
 * (test resources, see their README), served by web.webcore's static files as
 * {@code --static=static:DIR} serves them and run in headless Chromium against
 * {@code messenger.web_transport}: it connects, turns the log on and shows records, and a page
 * of ours sending a burst at once (which lost its session on POX) gets every reply, in order.
 */
@RequiresBrowser
class PoxWebMessengerBrowserTest {
    private WebMessengerFixture fx;

    @BeforeEach
    void start() throws Exception {
        fx = new WebMessengerFixture();
        Path pages = Path.of(PoxWebMessengerBrowserTest.class.getResource("burst.html").toURI()).getParent();
        fx.web.mount("/static", new StaticFiles(pages));
    }

    @AfterEach
    void stop() throws Exception {
        fx.close();
    }

    private static WebDriverWait waitFor(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(30), Duration.ofMillis(50));
    }

    @Test
    void poxsWebMessengerPageConnectsAndShowsTheLogOnceTurnedOn(Browser browser) {
        WebDriver d = browser.driver();
        d.get(fx.origin() + "/static/pox/webmessenger.html");
        JavascriptExecutor js = (JavascriptExecutor) d;
        String key = waitFor(d).until(x -> (String) js.executeScript("return conn && conn._ses;"));
        assertThat(fx.comet.openSessions()).isEqualTo(1);
        assertThat(key).hasSize(22);
        d.findElement(By.linkText("Click me to turn on log")).click();
        String marker = "from the controller " + UUID.randomUUID();
        waitFor(d).until(x -> {
            fx.logger("browser.test").warn(marker); // until the page's join has been handled
            return d.findElement(By.id("output")).getText().contains(marker);
        });
        String shown = d.findElement(By.id("output")).getText();
        assertThat(shown).contains("\"CHANNEL\":\"log_0.").contains("\"message\":\"" + marker + "\"");
        assertThat(js.executeScript("return conn._stopped;")).isEqualTo(false);
        assertThat(fx.comet.openSessions()).isEqualTo(1); // never restarted
    }

    @Test
    void aBurstOfSendsAtOnceArrivesWholeAndInOrder(Browser browser) {
        WebDriver d = browser.driver();
        d.get(fx.origin() + "/static/burst.html");
        waitFor(d).until(x -> d.findElements(By.cssSelector("#out li")).size() >= 8);
        List<String> shown = d.findElements(By.cssSelector("#out li")).stream().map(WebElement::getText).toList();
        List<String> upper = shown.stream().filter(s -> s.contains("\"CHANNEL\":\"upper\"")).toList();
        assertThat(upper).hasSize(6);
        IntStream.range(0, 6).forEach(i -> assertThat(upper.get(i)).contains("\"msg\":\"BURST " + i + "\""));
        assertThat(shown).anySatisfy(s -> assertThat(s).contains("\"CHANNEL\":\"chat\"").contains("says hello chat"));
        assertThat(d.findElement(By.id("status")).getText()).isEqualTo("sent");
        assertThat(d.findElement(By.id("session")).getText()).hasSize(22);
        assertThat(fx.comet.openSessions()).isEqualTo(1);
    }
}

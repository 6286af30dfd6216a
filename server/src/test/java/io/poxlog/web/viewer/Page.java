package io.poxlog.web.viewer;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The viewer's page in a browser, as its tests read and drive it. Test thread only. */
final class Page {
    /** Generous: the machine running the tests may be loaded. */
    static final Duration WAIT = Duration.ofSeconds(30);

    final WebDriver driver;

    Page(WebDriver driver) {
        this.driver = driver;
    }

    Page open(String url) {
        driver.get(url);
        return this;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    <T> T until(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(50)).withMessage(what).until(condition);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    String text(String id) {
        return byId(id).getText();
    }

    /** The connection's state in the top bar. */
    String conn() {
        return text("conn");
    }

    void untilConn(String regex) {
        new WebDriverWait(driver, WAIT, Duration.ofMillis(50))
                .withMessage(() -> "the connection to read /" + regex + "/ (it reads '" + conn() + "'; the session's events: "
                        + js("return JSON.stringify(window.poxlog && window.poxlog.session.events)") + ")")
                .until(d -> conn().matches(regex) ? true : null);
    }

    /** The rows in sight, each as "time|level|logger|message". */
    @SuppressWarnings("unchecked")
    List<String> rows() {
        return (List<String>) js("return [...document.querySelectorAll('#rows .row:not([hidden])')]"
                + ".sort((a, b) => a.shownId - b.shownId).map(r => [...r.children].map(c => c.textContent).join('|'))");
    }

    /** Every message held (shown or not), oldest first. */
    @SuppressWarnings("unchecked")
    List<String> heldMessages() {
        return (List<String>) js("const s = window.poxlog.store; const out = [];"
                + "for (let id = s.firstId; id < s.nextId; id++) out.push(s.get(id).message); return out;");
    }

    /** Every record shown, as "levelno|name|message". */
    @SuppressWarnings("unchecked")
    List<String> shown() {
        return (List<String>) js("const s = window.poxlog.store; const out = [];"
                + "for (let i = 0; i < s.viewSize; i++) { const r = s.viewAt(i); out.push(r.levelno + '|' + r.name + '|' + r.message + '|' + r.kind); }"
                + "return out;");
    }

    void untilHeld(String messagePart) {
        until("a record '" + messagePart + "' held", d -> heldMessages().stream().anyMatch(m -> m.contains(messagePart)) ? true : null);
    }

    void key(String key) {
        js("document.getElementById('list').focus()");
        byId("list").sendKeys(key);
    }
}

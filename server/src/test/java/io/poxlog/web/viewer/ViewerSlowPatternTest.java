package io.poxlog.web.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * A catastrophic regex ({@code (a+)+$} against a line of a's ending in b: exponential for a
 * backtracking engine) in the search box, in the exclude filter and in the address on load: the
 * page runs its regexes in a worker, so it keeps answering (a script round trip and a key press
 * within {@link #ANSWER}), records keep arriving, and after a time bound it says the pattern is too
 * slow and drops it from the view and the address (a reload does not freeze again).
 */
@RequiresBrowser
class ViewerSlowPatternTest {
    static final String CATASTROPHIC = "(a+)+$";
    /** A script round trip and a key press are answered within this while the regex runs. */
    static final Duration ANSWER = Duration.ofSeconds(2);

    private static ViewerFixture controller;
    private static Browser browser;
    private static Page page;

    @BeforeAll
    static void start(Browser b) throws Exception {
        controller = new ViewerFixture(null, 50);
        browser = b;
        page = new Page(b.driver());
        // a frozen page fails the test in seconds, not in the default 30
        b.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() throws Exception {
        browser.driver().manage().timeouts().scriptTimeout(Browser.DEFAULT_TIMEOUT);
        controller.close();
    }

    @BeforeEach
    void logTheLine() {
        // not matched by (a+)+$, so the controller's exclude (RE2, linear) lets it through to the page
        controller.logger("slow.line").warn("a".repeat(200) + "b");
    }

    private static void open(String fragment) {
        browser.driver().manage().window().setSize(new Dimension(Browser.WINDOW_WIDTH, Browser.WINDOW_HEIGHT));
        page.open("about:blank").open(controller.url() + fragment);
        page.untilConn("connected.*");
    }

    private static long held() {
        return (Long) page.js("return window.poxlog.store.nextId");
    }

    /** A script round trip and a key press (space: pause, space: follow) each answered within ANSWER. */
    private static void assertAnswering() {
        long t0 = System.nanoTime();
        assertThat(page.js("return 6 * 7")).isEqualTo(42L);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a script round trip").isLessThan(ANSWER);
        String before = page.text("s-follow");
        t0 = System.nanoTime();
        page.key(" ");
        page.until("space answered", d -> !page.text("s-follow").equals(before) ? true : null);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("a key press answered").isLessThan(ANSWER);
        page.key(" ");
    }

    private static void assertRecordsArrive() {
        long n = held();
        page.until("records still arriving (held beyond " + n + ")", d -> held() > n ? true : null);
    }

    @Test
    void aCatastrophicSearchLeavesThePageAnsweringAndIsDroppedAsTooSlow() {
        open("");
        page.untilHeld("aaab");
        WebElement search = page.byId("search");
        search.sendKeys(CATASTROPHIC, Keys.ENTER);
        page.until("searching, with progress", d -> page.text("search-info").matches("searching\u2026 [0-9,]+ of [0-9,]+") ? true : null);
        assertAnswering();
        assertRecordsArrive();
        page.until("the search said too slow", d -> page.text("search-info").contains("is too slow") ? true : null);
        assertThat(page.text("search-info")).matches("the search /\\(a\\+\\)\\+\\$/ is too slow: [0-9,]+ of [0-9,]+ records judged, "
                + "then no answer for [0-9.]+ s; dropped from the view and the address");
        assertThat(page.text("s-search")).isEmpty();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("search=");
        assertAnswering();
        assertRecordsArrive();

        // a search that is not slow works as before, its matches found in the worker
        search.clear();
        search.sendKeys("aaab", Keys.ENTER);
        page.until("the line found", d -> page.js("const r = document.querySelector('#rows .row.selected');"
                + " return r && r.querySelector('.msg mark') && r.textContent.includes('aaab')") == Boolean.TRUE ? true : null);
        page.key("Escape");
    }

    @Test
    void aCatastrophicExcludeFilterLeavesThePageAnsweringAndIsDroppedAsTooSlow() {
        open("");
        page.untilHeld("aaab");
        page.key("f");
        WebElement exclude = page.byId("f-exclude");
        exclude.sendKeys(CATASTROPHIC, Keys.ENTER);
        page.until("filtering, with progress", d -> page.text("s-work").matches("filtering\u2026 [0-9,]+ of [0-9,]+") ? true : null);
        assertAnswering();
        assertRecordsArrive();
        page.until("the filter said too slow", d -> page.text("f-problem").contains("is too slow") ? true : null);
        assertThat(page.text("f-problem")).matches("the filter's exclude /\\(a\\+\\)\\+\\$/ is too slow: .*dropped from the view and the address");
        assertThat(page.text("notice")).isEqualTo(page.text("f-problem"));
        assertThat(page.byId("f-exclude").getAttribute("value")).isEmpty();
        assertThat(page.text("s-filter")).isEqualTo("filter: none");
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("exclude=");
        assertAnswering();
        assertRecordsArrive();
        page.key("Escape");
    }

    @Test
    void aCatastrophicAddressOnLoadIsDroppedSoThatAReloadDoesNotFreezeAgain() {
        // exclude and search, as a copied link has them; the backlog brings the line
        open("#exclude=(a%2B)%2B%24&search=(a%2B)%2B%24");
        assertAnswering();
        assertRecordsArrive();
        page.until("both said too slow", d -> page.text("f-problem").contains("is too slow")
                && page.text("search-info").contains("is too slow") ? true : null);
        assertThat(browser.driver().getCurrentUrl()).endsWith("/");
        browser.driver().navigate().refresh();
        page.untilConn("connected.*");
        assertAnswering();
        assertThat(page.text("s-filter")).isEqualTo("filter: none");
        assertRecordsArrive();
    }
}

package io.poxlog.web.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The page against a real controller running the demo workload: the live tail, follow and
 * pause, hostile records shown as text, filters sent to the controller and kept in the address,
 * the search, the details, the download, the keys, and a narrow and a dark window.
 */
@RequiresBrowser
class ViewerPageTest {
    /**
     * The README's screenshot, kept in the repository: taken on every run into target/browser/,
     * and written over the README's with {@code -Dpoxlog.updateScreenshots=true} (so that a test
     * run does not change the work tree).
     */
    static final Path README_SCREENSHOT = Path.of("..", "docs", "images", "log-viewer.png");
    static final Path SCREENSHOT = Boolean.getBoolean("poxlog.updateScreenshots") ? README_SCREENSHOT
            : Path.of("target", "browser", "log-viewer.png");

    private static ViewerFixture controller;
    private static Browser browser;
    private static Page page;

    @BeforeAll
    static void start(Browser b) throws Exception {
        controller = new ViewerFixture(null, 50);
        browser = b;
        page = new Page(b.driver());
    }

    @AfterAll
    static void stop() throws Exception {
        controller.close();
    }

    private static void open(String fragment) {
        browser.driver().manage().window().setSize(new Dimension(Browser.WINDOW_WIDTH, Browser.WINDOW_HEIGHT));
        page.open("about:blank").open(controller.url() + fragment);
        page.untilConn("connected.*");
    }

    @Test
    void liveTailFollowsPausesWhenScrolledUpAndFollowsAgainFromTheNewButton() {
        long t0 = System.nanoTime();
        page.open("about:blank").open(controller.url());
        page.until("first records on screen", d -> page.rows().size() >= 3 ? true : null);
        long firstMillis = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("ViewerPageTest: first records on screen " + firstMillis + " ms after opening the URL");
        assertThat(firstMillis).isLessThan(15_000);
        page.untilConn("connected");
        // (the backlog may hold what the other tests logged: the demo's rows are looked for)
        assertThat(page.rows()).anySatisfy(r -> assertThat(r)
                .matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3}\\|(INFO|WARNING|ERROR|CRITICAL)\\|(openflow|forwarding|host_tracker|web|proto|stats|misc|topology|packet)[a-z_.0-9]*\\|.+"));
        page.until("the status counts", d -> page.text("s-rate").matches("[1-9][0-9,]* rec/s") ? true : null);
        assertThat(page.text("s-held")).matches("held [0-9,]+/100,000, .+");
        assertThat(page.text("s-shown")).matches("shown [0-9,]+");
        assertThat(page.text("s-dropped")).isEqualTo("dropped 0");
        assertThat(page.text("s-follow")).isEqualTo("FOLLOW");

        page.js("document.getElementById('list').scrollTop = 0");
        page.until("paused", d -> page.text("s-follow").startsWith("PAUSED") ? true : null);
        WebElement follow = page.byId("follow");
        page.until("the N new button", d -> follow.isDisplayed() && follow.getText().matches("[0-9,]+ new \u2193") ? true : null);
        List<String> still = page.rows();
        follow.click();
        page.until("following", d -> page.text("s-follow").equals("FOLLOW") ? true : null);
        assertThat(page.rows()).isNotEqualTo(still);

        page.key(" ");
        page.until("paused by space", d -> page.text("s-follow").startsWith("PAUSED") ? true : null);
        page.key("G");
        page.until("following by G", d -> page.text("s-follow").equals("FOLLOW") ? true : null);
        page.key("g");
        page.until("paused on the oldest by g", d -> page.text("s-follow").startsWith("PAUSED") ? true : null);
        assertThat(page.js("return document.querySelector('#rows .row.selected').shownId === window.poxlog.store.viewId(0)")).isEqualTo(true);
        page.key("?");
        assertThat(page.byId("help").isDisplayed()).isTrue();
        assertThat(page.text("help-keys")).contains("the next older / next newer match");
        page.byId("help").findElement(By.cssSelector("button")).click();
    }

    @Test
    void hostileRecordsAreShownAsWrittenAndNothingInThemRuns() throws Exception {
        open("#logger=xss");
        page.js("window.__violations = []; document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective))");
        String img = "<img src=x onerror=\"window.__pwned='img'\"> img";
        String script = "</script><script>window.__pwned='script'</script> script";
        String link = "<a href=\"javascript:window.__pwned='link'\">click me</a> link";
        String escapes = "\u001b]0;owned\u0007\u001b[31mred\u001b[0m escapes";
        String bidi = "\u202etxt.exe bidi";
        controller.logger("xss.<b>bold</b>").warn(img);
        controller.logger("xss.x").warn(script);
        controller.logger("xss.x").warn(link);
        controller.logger("xss.x").warn(escapes);
        controller.logger("xss.x").warn(bidi);
        controller.logger("xss.x").error("svg", new IllegalStateException("<svg onload=\"window.__pwned='svg'\">"));
        page.until("the hostile records", d -> page.rows().size() >= 6 ? true : null);

        List<String> messages = page.rows().stream().map(r -> r.substring(r.indexOf('|', r.indexOf('|', r.indexOf('|') + 1) + 1) + 1)).toList();
        assertThat(messages).hasSize(6);
        assertThat(messages.subList(0, 5)).containsExactly(img, script, link, "^[]0;owned^G^[[31mred^[[0m escapes", "<202e>txt.exe bidi");
        // the stack trace follows the message, as in Python's logging: one row, its newlines shown as ⏎
        assertThat(messages.get(5)).startsWith("svg \u23ce java.lang.IllegalStateException: <svg onload=\"window.__pwned='svg'\"> \u23ce  at ");
        assertThat(page.rows().get(0)).contains("|WARNING|xss.<b>bold</b>|");
        for (WebElement a : browser.driver().findElements(By.cssSelector("#rows .row .msg"))) {
            a.click(); // a javascript: link that is text stays text
        }
        page.key(Keys.ENTER.toString());
        assertThat(page.byId("details").isDisplayed()).isTrue();
        assertThat(page.text("details-body")).contains("IllegalStateException: <svg onload=\"window.__pwned='svg'\">")
                .contains("threadName").contains("levelno");
        page.byId("details-close").click();

        assertThat(page.js("return window.__pwned === undefined")).isEqualTo(true);
        assertThat(page.js("return document.querySelectorAll('#rows img, #rows script, #rows a, #rows svg, #rows b, #details-body img, #details-body svg').length"))
                .isEqualTo(0L);
        assertThat(page.js("return window.__violations")).asList().isEmpty();

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(controller.url())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValue(io.poxlog.web.LogViewer.CONTENT_SECURITY_POLICY);
        assertThat(r.body()).doesNotContain("<script>").doesNotContain("style=");
    }

    @Test
    void filtersGoToTheControllerAndLiveInTheAddress() {
        open("");
        page.byId("show-filters").click();
        new Select(page.byId("f-level")).selectByVisibleText("WARNING");
        page.until("the level in the address", d -> d.getCurrentUrl().endsWith("#level=WARNING") ? true : null);
        assertThat(page.text("s-filter")).isEqualTo("filter: level>=WARNING");
        assertThat(page.shown()).allSatisfy(r -> assertThat(r).matches("(?s)(3|4|5)\\d\\|.*|.*\\|(marker|gap)"));
        // The controller filters: INFO records logged now never reach the page; the WARNING after them does.
        // (A test round trip after the settings: the controller has taken them once it is answered.)
        ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "window.poxlog.session.request({ CHANNEL: '', test: 'settled' }).then(() => done(true), (e) => done(String(e)));");
        for (int i = 0; i < 20; i++) {
            controller.logger("probe").info("probe-info " + i);
        }
        controller.logger("probe").warn("probe-warn");
        page.untilHeld("probe-warn");
        assertThat(page.heldMessages()).noneMatch(m -> m.startsWith("probe-info"));

        // A copied link opens the same view: its backlog comes filtered from the controller.
        String link = browser.driver().getCurrentUrl().replace("#level=WARNING", "#level=WARNING&hide=web&grep=o");
        page.open("about:blank").open(link);
        page.untilConn("connected");
        page.until("records", d -> page.shown().size() > 3 ? true : null);
        assertThat(new Select(page.byId("f-level")).getFirstSelectedOption().getText()).isEqualTo("WARNING");
        assertThat(page.byId("f-hide").getAttribute("value")).isEqualTo("web");
        assertThat(page.byId("f-grep").getAttribute("value")).isEqualTo("o");
        assertThat(page.js("const s = window.poxlog.store; let bad = 0;"
                + "for (let id = s.firstId; id < s.nextId; id++) { const r = s.get(id);"
                + "  if (r.kind === 'record' && (r.levelno < 30 || r.name.startsWith('web') || !/o/i.test(r.name + '\\n' + r.message))) bad++; }"
                + "return bad")).isEqualTo(0L);

        // Wider again: the page asks the controller for its backlog anew.
        page.byId("f-clear").click();
        page.until("the address without filter", d -> !d.getCurrentUrl().contains("#") ? true : null);
        page.until("INFO records again", d -> page.shown().stream().anyMatch(r -> r.startsWith("20|")) ? true : null);
    }

    @Test
    void searchHighlightsAndMovesDetailsShowEverythingAndTheDownloadIsWhatIsShown() throws Exception {
        open("");
        controller.logger("test.exc").error("boom-for-details", new IllegalStateException("bad state"));
        page.untilHeld("boom-for-details");
        page.key("/");
        WebElement search = page.byId("search");
        search.sendKeys("learned");
        search.sendKeys(Keys.ENTER);
        page.until("a selected match", d -> page.js("const r = document.querySelector('#rows .row.selected'); return r && r.querySelector('mark') ? r.querySelector('mark').textContent : null") != null ? true : null);
        assertThat(((String) page.js("return document.querySelector('#rows .row.selected mark').textContent")).toLowerCase()).isEqualTo("learned");
        assertThat(page.text("s-search")).isEqualTo("search: /learned/i");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#search=learned");
        long first = (Long) page.js("return window.poxlog.list.selectedId");
        page.key("n");
        long older = (Long) page.js("return window.poxlog.list.selectedId");
        assertThat(older).isLessThan(first);
        page.key("N");
        assertThat(page.js("return window.poxlog.list.selectedId")).isEqualTo(first);
        browser.screenshot(SCREENSHOT);

        search.clear();
        search.sendKeys("boom-for-details", Keys.ENTER);
        // the search runs in the page's regex worker: the match is selected once it answered
        page.until("the match selected", d -> page.js("const r = document.querySelector('#rows .row.selected');"
                + " return !!r && r.textContent.includes('boom-for-details')") == Boolean.TRUE ? true : null);
        page.key(Keys.ENTER.toString());
        String details = page.text("details-body");
        assertThat(details).contains("seq", "levelname", "ERROR", "test.exc", "boom-for-details", "threadName", "created (local)",
                "exc_info", "stack trace (exc)", "java.lang.IllegalStateException: bad state");
        page.key(Keys.ESCAPE.toString());
        assertThat(page.byId("details").isDisplayed()).isFalse();

        // The file is what the page hands the browser: the Blob behind the link (connect-src 'self' keeps fetch off blob: URLs).
        page.js("window.__download = {}; const make = URL.createObjectURL;"
                + "URL.createObjectURL = (b) => { const s = window.poxlog.store; let m = 0;"
                + "  for (let i = 0; i < s.viewSize; i++) if (s.viewAt(i).kind === 'marker') m++;"
                + "  Object.assign(window.__download, { blob: b, shown: s.viewSize, marks: m }); return make(b); };"
                + "HTMLAnchorElement.prototype.click = function () { window.__download.name = this.download; };");
        page.byId("download").click();
        String name = (String) page.js("return window.__download.name");
        assertThat(name).matches("poxlog-.*\\.jsonl");
        @SuppressWarnings("unchecked")
        List<Object> result = (List<Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "window.__download.blob.text().then(t => done([t, window.__download.shown, window.__download.marks]))");
        String[] lines = ((String) result.get(0)).split("\n");
        assertThat((long) lines.length).isEqualTo((Long) result.get(1) - (Long) result.get(2));
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{").doesNotContain("\"CHANNEL\"").contains("\"seq\""));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("boom-for-details").contains("\"exc\""));
    }

    @Test
    void aPhoneInPortraitCanReadItAndItHasADarkTheme() {
        open("");
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        page.until("rows", d -> page.rows().size() > 3 ? true : null);
        assertThat(page.js("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        assertThat((Long) page.js("return Math.round(document.querySelector('#rows .row:not([hidden]) .msg').getBoundingClientRect().width)"))
                .isGreaterThan(300L);
        assertThat(page.js("return getComputedStyle(document.querySelector('#rows .row:not([hidden]) .lv')).display")).isNotEqualTo("none");
        // a tap selects, a second tap on the selected record opens it
        WebElement row = browser.driver().findElement(By.cssSelector("#rows .row:not([hidden])"));
        row.click();
        // the list is drawn once an animation frame: the selection shows at the next one
        WebElement selected = page.until("the tap selects the record", d ->
                d.findElements(By.cssSelector("#rows .row.selected")).stream().findFirst().orElse(null));
        selected.click();
        page.until("the details over the list", d -> page.byId("details").isDisplayed() ? true : null);
        assertThat(page.text("details-body")).contains("levelname", "threadName");
        page.byId("details-close").click();
        browser.screenshot(Path.of("target", "browser", "ViewerPageTest.phone.png"));

        page.byId("theme").click(); // auto -> light
        assertThat(page.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(255, 255, 255)");
        page.byId("theme").click(); // -> dark
        assertThat(page.js("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(15, 17, 21)");
        browser.screenshot(Path.of("target", "browser", "ViewerPageTest.phone-dark.png"));
        page.byId("theme").click(); // back to auto, for the other tests
    }
}

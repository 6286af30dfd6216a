package io.poxlog.web.viewer;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Browser;
import io.poxlog.testing.RequiresBrowser;
import io.poxlog.testing.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * A controller that asks for tokens: the page asks for one, keeps it in sessionStorage only, says
 * plainly when it is refused; a read token's level change is refused saying why; an admin's,
 * timed, counts down in the logger tree and is seen taking effect in the stream.
 */
@RequiresBrowser
class ViewerLevelsTest {
    private static ViewerFixture controller;
    private static Page page;

    @BeforeAll
    static void start(Browser browser) throws Exception {
        controller = new ViewerFixture(Tokens.BOTH, 100);
        page = new Page(browser.driver());
    }

    @AfterAll
    static void stop() throws Exception {
        controller.close();
    }

    private static void giveToken(String token) {
        page.until("the token dialog", d -> page.byId("auth").isDisplayed() ? true : null);
        page.byId("auth-token").sendKeys(token);
        page.byId("auth-send").click();
    }

    private static WebElement treeButton(String logger, String level) {
        return page.driver.findElement(By.cssSelector(".tree-row[data-logger='" + logger + "'] button[data-level='" + level + "']"));
    }

    @Test
    void aTokenIsAskedForKeptForTheTabOnlyAndARefusalIsSaidPlainly() {
        page.open("about:blank").open(controller.url());
        page.until("the token dialog", d -> page.byId("auth").isDisplayed() ? true : null);
        assertThat(page.text("auth-why")).isEqualTo("the controller asks for a token");
        assertThat(page.conn()).isEqualTo("token needed: the controller asks for a token");

        giveToken("not-a-token");
        page.until("the refusal", d -> page.text("auth-why").startsWith("the controller refused the token: ") ? true : null);
        assertThat(page.byId("auth").isDisplayed()).isTrue();
        assertThat(page.js("return sessionStorage.getItem('poxlog.token')")).isNull();

        giveToken(Tokens.READ);
        page.untilConn("connected \\(read-only token\\)");
        assertThat(page.js("return sessionStorage.getItem('poxlog.token')")).isEqualTo(Tokens.READ);
        assertThat(page.js("return localStorage.getItem('poxlog.token')")).isNull();
        assertThat(page.driver.getCurrentUrl()).doesNotContain(Tokens.READ);
        assertThat(page.js("return document.cookie")).isEqualTo("");

        page.key("L");
        page.until("the logger tree", d -> d.findElements(By.cssSelector(".tree-row[data-logger='openflow']")).size() == 1 ? true : null);
        treeButton("openflow", "DEBUG").click();
        page.until("the refusal", d -> page.text("tree-note").startsWith("not set (openflow to DEBUG for 5m0s): ") ? true : null);
        assertThat(page.text("tree-note")).contains("admin");
        assertThat(page.byId("tree-note").getAttribute("class")).contains("problem");
        page.key("L");
        page.js("sessionStorage.clear()");
    }

    @Test
    void aTimedLevelChangeCountsDownAndIsSeenTakingEffectInTheStream() {
        page.open("about:blank").open(controller.url() + "#logger=openflow");
        giveToken(Tokens.ADMIN);
        page.untilConn("connected");
        page.until("records", d -> !page.shown().isEmpty() ? true : null);
        assertThat(page.shown()).noneMatch(r -> r.startsWith("10|"));

        page.byId("show-tree").click();
        page.until("the logger tree", d -> d.findElements(By.cssSelector(".tree-row[data-logger='openflow']")).size() == 1 ? true : null);
        new Select(page.byId("tree-for")).selectByVisibleText("5m");
        treeButton("openflow", "DEBUG").click();
        page.until("the change said", d -> page.text("tree-note").equals("set openflow to DEBUG for 5m0s") ? true : null);
        page.until("the countdown", d -> {
            WebElement row = d.findElement(By.cssSelector(".tree-row[data-logger='openflow']"));
            return row.findElement(By.cssSelector(".timed")).getText().matches("4m5\\d+s left, then -")
                    && row.findElement(By.cssSelector(".lvls")).getText().matches("DEBUG\\s+DEBUG") ? true : null;
        });
        page.until("DEBUG records of openflow in the stream", d -> page.shown().stream()
                .anyMatch(r -> r.matches("(?s)10\\|openflow\\..*")) ? true : null);

        treeButton("openflow", "NOTSET").click();
        page.until("inheriting again", d -> page.text("tree-note").equals("set openflow to inherit") ? true : null);
        page.until("the tree shows it", d -> {
            WebElement row = d.findElement(By.cssSelector(".tree-row[data-logger='openflow']"));
            return row.findElement(By.cssSelector(".lvls")).getText().matches("-\\s+INFO")
                    && row.findElement(By.cssSelector(".timed")).getText().isEmpty() ? true : null;
        });

        // folds and the search by name
        page.driver.findElement(By.cssSelector(".tree-row[data-logger='openflow'] button.fold")).click();
        page.until("openflow folded", d -> d.findElements(By.cssSelector(".tree-row[data-logger='openflow.of_01']")).isEmpty() ? true : null);
        page.driver.findElement(By.cssSelector(".tree-row[data-logger='openflow'] button.fold")).click();
        page.until("openflow unfolded", d -> d.findElements(By.cssSelector(".tree-row[data-logger='openflow.of_01']")).size() == 1 ? true : null);
        page.byId("tree-search").sendKeys("discov");
        page.until("only the match and its parents", d -> page.js("return [...document.querySelectorAll('.tree-row')].map(r => r.dataset.logger).join(',')")
                .equals(",openflow,openflow.discovery") ? true : null);
        page.js("sessionStorage.clear()");
    }
}

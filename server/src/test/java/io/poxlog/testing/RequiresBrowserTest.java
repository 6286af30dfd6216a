package io.poxlog.testing;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.openqa.selenium.WebDriver;

/**
 * What {@link RequiresBrowser} does around a test: skipped, loudly once, or failed where the browser
 * is missing; one browser for a class that asks in {@code @BeforeAll}; a screenshot and no process
 * left where a test fails. Each runs a small test class of
 * its own through JUnit's test kit, with the paths as configuration parameters, not system
 * properties: the nested fixtures, named so that Surefire's patterns ({@code Test*}, {@code *Test},
 * {@code *Tests}, {@code *TestCase}) leave them out of the suite.
 */
class RequiresBrowserTest {
    /** Set by {@link #run} only: a fixture picked by a pattern such as {@code -Dtest='*Browser*'} is skipped. */
    private static final String FIXTURE = "io.poxlog.testing.RequiresBrowserTest.fixture";

    @TempDir
    Path dir;

    @Test
    void withoutChromedriverTheTestsAreSkippedWithOneLineSayingHowToInstallIt() {
        String chromedriver = dir.resolve("chromedriver").toString();
        Run run = run(TwoThatNeedABrowser.class, Map.of(
                BrowserInstall.CHROMEDRIVER_PROPERTY, chromedriver,
                BrowserInstall.REQUIRED_PROPERTY, "false"));

        Events tests = run.results.testEvents();
        tests.assertStatistics(stats -> stats.skipped(2).started(0));
        assertThat(tests.skipped().stream().map(event -> event.getPayload(String.class).orElse("")))
                .allSatisfy(reason -> assertThat(reason)
                        .startsWith("BROWSER TESTS SKIPPED: no chromedriver at " + chromedriver + ": ")
                        .contains("'apt-get install chromium chromium-driver'"));
        assertThat(run.stderr.lines().filter(line -> line.contains("BROWSER TESTS")))
                .as("said once for the two tests")
                .hasSize(1)
                .allSatisfy(line -> assertThat(line).contains(chromedriver, "apt-get install chromium chromium-driver"));
    }

    @Test
    void aClassOfBrowserTestsIsSkippedWhole() {
        Run run = run(FailsOnAPage.class, Map.of(
                BrowserInstall.CHROMEDRIVER_PROPERTY, dir.resolve("chromedriver").toString(),
                BrowserInstall.REQUIRED_PROPERTY, "false"));

        run.results.testEvents().assertStatistics(stats -> stats.started(0).skipped(0));
        Events classes = run.results.containerEvents();

        assertThat(classes.skipped().stream().map(event -> event.getPayload(String.class).orElse("")))
                .singleElement(as(InstanceOfAssertFactories.STRING))
                .startsWith("BROWSER TESTS SKIPPED: no chromedriver at ");
    }

    @Test
    void withTheBrowserRequiredAMissingOneFailsTheTestInstead() {
        String chromium = dir.resolve("chromium").toString();
        Events tests = run(TwoThatNeedABrowser.class, Map.of(
                BrowserInstall.CHROMIUM_PROPERTY, chromium,
                BrowserInstall.REQUIRED_PROPERTY, "true")).results.testEvents();

        tests.assertStatistics(stats -> stats.started(2).failed(2).skipped(0));
        assertThat(tests.failed().stream().map(RequiresBrowserTest::failure))
                .allSatisfy(failure -> assertThat(failure)
                        .isInstanceOf(AssertionError.class)
                        .hasMessageStartingWith("BROWSER TESTS FAILED, as poxlog.browser.required=true: no Chromium at "
                                + chromium + ": install them with 'apt-get install chromium chromium-driver'"));
    }

    @Test
    @RequiresBrowser
    void aClassSharesOneBrowserAndAFailedTestLeavesItsScreenshotAndNoBrowserProcess() throws IOException {
        Path screenshot = BrowserExtension.SCREENSHOTS.resolve("FailsOnAPage.failsWithThePageOpen.png");
        Files.deleteIfExists(screenshot);
        FailsOnAPage.PROCESSES.clear();

        Run run = run(FailsOnAPage.class, Map.of());

        Events tests = run.results.testEvents();
        tests.assertStatistics(stats -> stats.started(2).succeeded(1).failed(1));
        assertThat(run.stderr).contains("browser test failed; its screenshot: " + screenshot.toAbsolutePath());
        assertThat(failure(tests.failed().list().get(0))).hasMessage("failing on purpose");
        assertThat(Files.readAllBytes(screenshot)).as(screenshot.toString())
                .startsWith(0x89, 'P', 'N', 'G');
        assertThat(FailsOnAPage.PROCESSES).as("chromedriver and Chromium, seen during the test").hasSizeGreaterThan(1);
        Await.until("the browser's processes " + FailsOnAPage.PROCESSES + " have ended", Duration.ofSeconds(15),
                () -> FailsOnAPage.PROCESSES.stream().noneMatch(RequiresBrowserTest::running));
    }

    @Test
    void bothMissingAreNamedInOneLine() {
        BrowserInstall install = new BrowserInstall(dir.resolve("chromium"), dir.resolve("chromedriver"));

        assertThat(install.missing()).hasValue("no Chromium at " + install.chromium()
                + ", no chromedriver at " + install.chromedriver()
                + ": install them with 'apt-get install chromium chromium-driver'"
                + " (or name yours with -Dpoxlog.browser.chromium=... -Dpoxlog.browser.chromedriver=...)");
    }

    /**
     * Runs {@code fixture}, keeping what it says on standard error, which is not the suite's: a
     * "BROWSER TESTS SKIPPED" in the build's output must mean that browser tests were skipped.
     */
    private static Run run(Class<?> fixture, Map<String, String> parameters) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                    .configurationParameters(parameters)
                    .configurationParameter(FIXTURE, "true")
                    .selectors(selectClass(fixture))
                    .execute();
            return new Run(results, err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(stderr);
        }
    }

    private record Run(EngineExecutionResults results, String stderr) {
    }

    private static Throwable failure(Event event) {
        return event.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable)
                .orElseThrow();
    }

    /** Alive and not a zombie waiting for its new parent (init) to reap it. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
    }

    /** Keeps the fixtures to {@link #run}. */
    static final class OnlyInRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(FIXTURE).isPresent()
                    ? ConditionEvaluationResult.enabled("run by RequiresBrowserTest")
                    : ConditionEvaluationResult.disabled("a fixture of RequiresBrowserTest, which runs it");
        }
    }

    @ExtendWith(OnlyInRun.class)
    static class TwoThatNeedABrowser {
        @Test
        @RequiresBrowser
        void one(WebDriver driver) {
            assertThat(driver).isNotNull();
        }

        @Test
        @RequiresBrowser
        void two(WebDriver driver) {
            assertThat(driver).isNotNull();
        }
    }

    @ExtendWith(OnlyInRun.class)
    @RequiresBrowser
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class FailsOnAPage {
        static final List<Long> PROCESSES = new CopyOnWriteArrayList<>();
        static Browser shared;

        @BeforeAll
        static void startOneForTheClass(Browser browser) {
            shared = browser;
        }

        @Test
        @Order(1)
        void getsTheClassBrowser(Browser browser, WebDriver driver) {
            assertThat(browser).isSameAs(shared);
            assertThat(driver).isSameAs(shared.driver());
        }

        @Test
        @Order(2)
        void failsWithThePageOpen(Browser browser) {
            assertThat(browser).isSameAs(shared);
            browser.driver().get("data:text/html,<h1>about to fail</h1>");
            // chromedriver and Chromium below it, and Chromium's crash handlers, which leave the tree
            String profile = browser.profile().toString();
            Stream.concat(ProcessHandle.current().descendants(), ProcessHandle.allProcesses()
                            .filter(process -> process.info().commandLine().orElse("").contains(profile)))
                    .filter(process -> process.info().command().orElse("").contains("chrom"))
                    .map(ProcessHandle::pid)
                    .distinct()
                    .forEach(PROCESSES::add);
            fail("failing on purpose");
        }
    }
}

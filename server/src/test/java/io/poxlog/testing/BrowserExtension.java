package io.poxlog.testing;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.WebDriver;
import org.opentest4j.TestAbortedException;

/**
 * {@link RequiresBrowser}'s JUnit 5 extension: skips (or, when required, fails) tests on a machine
 * without the browser, gives tests a {@link Browser} or its {@link WebDriver}, started lazily and
 * kept in the store of the context that first asked (a test method, or the class for
 * {@code @BeforeAll}), which quits it when that context ends, failed or not; and screenshots a test
 * into {@code target/browser/} at its failure.
 *
 * <p>The paths and {@value BrowserInstall#REQUIRED_PROPERTY} are read as JUnit configuration
 * parameters, which fall back to system properties: {@code mvn -Dpoxlog.browser.required=true}.
 * JUnit calls it on the test's thread.
 */
public final class BrowserExtension implements ExecutionCondition, BeforeEachCallback, ParameterResolver,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static final Path SCREENSHOTS = Path.of("target", "browser");

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(BrowserExtension.class);
    /** The reasons already said on standard error: one line per test JVM, not one per test. */
    private static final Set<String> SAID = ConcurrentHashMap.newKeySet();

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<String> missing = install(context).missing();
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("Chromium and chromedriver are installed");
        }
        if (required(context)) {
            return ConditionEvaluationResult.enabled("the browser is required: beforeEach fails the test");
        }
        String reason = "BROWSER TESTS SKIPPED: " + missing.get();
        if (SAID.add(reason)) {
            System.err.println("*** " + reason + " ***");
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        install(context).missing().ifPresent(missing -> {
            throw new AssertionError("BROWSER TESTS FAILED, as " + BrowserInstall.REQUIRED_PROPERTY
                    + "=true: " + missing);
        });
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Browser.class || type == WebDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Browser browser = browser(context);
        return parameter.getParameter().getType() == Browser.class ? browser : browser.driver();
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw screenshotOnFailure(context, failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw screenshotOnFailure(context, failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure)
            throws Throwable {
        throw screenshotOnFailure(context, failure);
    }

    /** At the failure, before {@code @AfterEach} methods change the page; returns {@code failure}. */
    private static Throwable screenshotOnFailure(ExtensionContext context, Throwable failure) {
        Started started = context.getStore(NAMESPACE).get(Started.class, Started.class);
        if (started == null || failure instanceof TestAbortedException) {
            return failure;
        }
        Path file = SCREENSHOTS.resolve(context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + ".png");
        try {
            started.browser.screenshot(file);
            System.err.println("browser test failed; its screenshot: " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            // the failure is the test's; a browser that crashed cannot show it
            failure.addSuppressed(e);
        }
        return failure;
    }

    private static Browser browser(ExtensionContext context) {
        Started started = context.getStore(NAMESPACE).get(Started.class, Started.class);
        if (started == null) {
            started = new Started(Browser.start(install(context)));
            context.getStore(NAMESPACE).put(Started.class, started);
        }
        return started.browser;
    }

    private static BrowserInstall install(ExtensionContext context) {
        return BrowserInstall.from(context::getConfigurationParameter);
    }

    private static boolean required(ExtensionContext context) {
        return context.getConfigurationParameter(BrowserInstall.REQUIRED_PROPERTY, Boolean::parseBoolean)
                .orElse(false);
    }

    /** The store quits it when its context ends. */
    private static final class Started implements ExtensionContext.Store.CloseableResource {
        final Browser browser;

        Started(Browser browser) {
            this.browser = browser;
        }

        @Override
        public void close() {
            browser.close();
        }
    }
}

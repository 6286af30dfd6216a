package io.poxlog.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that drives a real headless Chromium. Its test methods (or its
 * {@code @BeforeAll}, to share one browser across the class) declare a {@link Browser} or a
 * {@link org.openqa.selenium.WebDriver} parameter; the browser starts when first asked for, takes
 * a screenshot into {@code target/browser/} when the test fails, and is always quit.
 *
 * <p>Without Chromium or chromedriver ({@link BrowserInstall}) the tests are skipped, said once per
 * test JVM on standard error with the command that installs them; with
 * {@code -Dpoxlog.browser.required=true} (as CI runs) they fail instead.
 *
 * <p>A browser start costs about 2 s (7 s for the first in a JVM, on a loaded 2-core machine): keep
 * browser tests few, and share a browser where tests do not disturb each other.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Tag("browser")
@ExtendWith(BrowserExtension.class)
public @interface RequiresBrowser {
}

package io.poxlog.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the browser tests find Chromium and its driver: Debian's {@code chromium} and
 * {@code chromium-driver} packages, or the paths the properties below name. Nothing is ever
 * downloaded: a browser that is not here is missing, and {@link #missing()} says how to install it.
 * Immutable; any thread.
 */
public record BrowserInstall(Path chromium, Path chromedriver) {
    public static final String CHROMIUM_PROPERTY = "poxlog.browser.chromium";
    public static final String CHROMEDRIVER_PROPERTY = "poxlog.browser.chromedriver";
    /** {@code true}: a missing browser fails the browser tests instead of skipping them (CI). */
    public static final String REQUIRED_PROPERTY = "poxlog.browser.required";

    public static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    public static final Path DEFAULT_CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    public static final String INSTALL_COMMAND = "apt-get install chromium chromium-driver";

    /** From system properties, with the Debian packages' paths as defaults. */
    public static BrowserInstall fromSystemProperties() {
        return from(key -> Optional.ofNullable(System.getProperty(key)));
    }

    /** From a lookup of the properties above (JUnit's configuration parameters, system properties). */
    public static BrowserInstall from(Function<String, Optional<String>> properties) {
        return new BrowserInstall(
                properties.apply(CHROMIUM_PROPERTY).map(Path::of).orElse(DEFAULT_CHROMIUM),
                properties.apply(CHROMEDRIVER_PROPERTY).map(Path::of).orElse(DEFAULT_CHROMEDRIVER));
    }

    /** What is missing and how to install it, in one line; empty when both are there. */
    public Optional<String> missing() {
        List<String> absent = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            absent.add("no Chromium at " + chromium);
        }
        if (!Files.isExecutable(chromedriver)) {
            absent.add("no chromedriver at " + chromedriver);
        }
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(", ", absent) + ": install them with '" + INSTALL_COMMAND
                + "' (or name yours with -D" + CHROMIUM_PROPERTY + "=... -D" + CHROMEDRIVER_PROPERTY + "=...)");
    }
}

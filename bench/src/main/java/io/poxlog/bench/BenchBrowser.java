package io.poxlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium for the browser scenario, driven through chromedriver, with the options of
 * the browser tests ({@code io.poxlog.testing.Browser}, which lives in the server's tests): a fresh
 * temporary profile, a fixed window, Debian's {@code /usr/bin/chromium} and {@code chromedriver}
 * (or {@code -Dpoxlog.browser.chromium=}, {@code -Dpoxlog.browser.chromedriver=}), nothing
 * downloaded. Adds {@code --enable-precise-memory-info}, so that {@code performance.memory} is not
 * rounded. One thread.
 */
final class BenchBrowser implements AutoCloseable {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;

    private BenchBrowser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Path chromium() {
        return Path.of(System.getProperty("poxlog.browser.chromium", "/usr/bin/chromium"));
    }

    static Path chromedriver() {
        return Path.of(System.getProperty("poxlog.browser.chromedriver", "/usr/bin/chromedriver"));
    }

    /** Whether Chromium and chromedriver are installed where this looks. */
    static boolean installed() {
        return Files.isExecutable(chromium()) && Files.isExecutable(chromedriver());
    }

    static BenchBrowser start() throws IOException {
        if (!installed()) {
            throw new IllegalStateException("no Chromium at " + chromium() + " or no chromedriver at " + chromedriver()
                    + ": install them with 'apt-get install chromium chromium-driver'");
        }
        CDP_VERSION_FINDER.setLevel(Level.SEVERE); // we use executeCdpCommand, not Selenium's versioned CDP classes
        Path profile = Files.createTempDirectory("poxlog-bench-chromium-");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort()
                .withEnvironment(Map.of("XDG_CONFIG_HOME", profile.toString()))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments("--headless=new", "--window-size=" + WIDTH + "," + HEIGHT, "--user-data-dir=" + profile,
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--enable-precise-memory-info");
        if ("root".equals(System.getProperty("user.name"))) {
            options.addArguments("--no-sandbox");
        }
        try {
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(java.time.Duration.ofSeconds(60))
                    .scriptTimeout(java.time.Duration.ofSeconds(120));
            return new BenchBrowser(driver, profile);
        } catch (RuntimeException e) {
            service.stop();
            delete(profile);
            throw e;
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    /** A Chrome DevTools Protocol command, through chromedriver (no versioned CDP classes needed). */
    Map<String, Object> cdp(String command, Map<String, Object> params) {
        return driver.executeCdpCommand(command, params);
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a profile left in the temporary folder harms nothing
        }
    }
}

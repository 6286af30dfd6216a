package io.poxlog.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * One headless Chromium, driven through chromedriver, for a test: a fresh temporary profile, a fixed
 * window size, and nothing downloaded (the driver and the browser are named explicitly, so Selenium
 * Manager is never asked). {@link #close()} quits the browser and its driver and deletes the profile,
 * and is safe twice. Tests normally get one from {@link RequiresBrowser}; {@link #start} is for code
 * that manages its own.
 *
 * <p>Not thread-safe: one test thread drives it (WebDriver's own rule); {@link #close()} may also
 * be called by the JVM's shutdown hook.
 */
public final class Browser implements AutoCloseable {
    public static final int WINDOW_WIDTH = 1280;
    public static final int WINDOW_HEIGHT = 800;
    /** For page loads and scripts: generous, as the machine running the tests may be loaded. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Selenium warns at every start when it has no CDP (DevTools) classes for this Chromium's version,
     * which with Debian's Chromium is most of the time; these tests use WebDriver only. Held here, as
     * java.util.logging keeps loggers weakly.
     */
    private static final Logger CDP_VERSION_FINDER = Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    /**
     * Open browsers, which a JVM ending before its tests closed them (System.exit, SIGTERM, Surefire's
     * fork timeout) quits: chromedriver and Chromium outlive the JVM that started them.
     */
    private static final Set<Browser> OPEN = ConcurrentHashMap.newKeySet();

    static {
        CDP_VERSION_FINDER.setLevel(Level.SEVERE);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(Browser::close), "browser-shutdown"));
    }

    private final ChromeDriver driver;
    private final Path profile;
    private final Duration startTime;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Browser(ChromeDriver driver, Path profile, Duration startTime) {
        this.driver = driver;
        this.profile = profile;
        this.startTime = startTime;
    }

    /** Starts Chromium; throws {@link IllegalStateException} naming what is missing if it is not installed. */
    public static Browser start(BrowserInstall install) {
        install.missing().ifPresent(missing -> {
            throw new IllegalStateException(missing);
        });
        long started = System.nanoTime();
        Path profile;
        try {
            profile = Files.createTempDirectory("poxlog-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a temporary Chromium profile", e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(install.chromedriver().toFile())
                .usingAnyFreePort()
                // Chromium's crash handler keeps its database under $XDG_CONFIG_HOME whatever the
                // profile: this keeps it in the profile too, out of the user's home
                .withEnvironment(Map.of("XDG_CONFIG_HOME", profile.toString()))
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options(install, profile));
            driver.manage().timeouts().pageLoadTimeout(DEFAULT_TIMEOUT).scriptTimeout(DEFAULT_TIMEOUT);
            Browser browser = new Browser(driver, profile, Duration.ofNanos(System.nanoTime() - started));
            OPEN.add(browser);
            return browser;
        } catch (RuntimeException | Error e) {
            // a failed session start stops its driver already; the profile is ours to remove
            service.stop();
            deleteTree(profile);
            throw e;
        }
    }

    private static ChromeOptions options(BrowserInstall install, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(install.chromium().toFile());
        options.addArguments(
                "--headless=new",
                "--window-size=" + WINDOW_WIDTH + "," + WINDOW_HEIGHT,
                "--user-data-dir=" + profile,
                "--no-first-run",
                "--no-default-browser-check",
                // no calls home from a test machine (which has no network but the package registries)
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                // containers give /dev/shm 64 MiB, where tabs crash; Debian's launcher decides this
                // from findmnt's output and misreads it when /dev/shm has several mounts
                "--disable-dev-shm-usage");
        if (isRoot()) {
            // Chromium refuses to start its sandbox as root (CI and these machines run as root)
            options.addArguments("--no-sandbox");
        }
        return options;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** The temporary profile, which {@link #close()} deletes. */
    public Path profile() {
        return profile;
    }

    /** How long {@link #start} took, chromedriver and Chromium up to a blank page. */
    public Duration startTime() {
        return startTime;
    }

    /** Saves what the page shows now as a PNG at {@code file}, making its folder; returns {@code file}. */
    public Path screenshot(Path file) {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file, e);
        }
    }

    /** Quits Chromium and chromedriver and deletes the profile; safe twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            driver.quit(); // stops chromedriver too, even when the quit command fails
        } finally {
            OPEN.remove(this);
            deleteTree(profile);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a profile left in the temporary folder harms nothing
        }
    }
}

package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.Endpoint;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.testing.ControllerFixture;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The terminal UI on Lanterna's virtual terminal, following real controllers: types keys, reads
 * the screen back as text (times masked as {@code hh:mm:ss.mmm}) and waits for it to show
 * something, with a deadline.
 */
final class TuiHarness implements AutoCloseable {
    static final int DEFAULT_WIDTH = 120;
    static final int DEFAULT_HEIGHT = 24;
    private static final Pattern TIME = Pattern.compile("\\b\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d\\b");
    static final SubscriptionOptions FAST_RETRY =
            SubscriptionOptions.defaults().withRetry(Duration.ofMillis(50), Duration.ofMillis(200));

    final int width;
    final int height;
    final DefaultVirtualTerminal terminal;
    /** Read back through the screen's front buffer: exactly what was last sent to the terminal. */
    private final TerminalScreen screen;
    final RecordStore store;
    final ControllerSet controllers;
    final TuiApp app;
    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    TuiHarness(int buffer, int height, ControllerFixture... fixtures) throws Exception {
        this(new RecordStore(buffer), DEFAULT_WIDTH, height, FAST_RETRY,
                Arrays.stream(fixtures).mapToInt(ControllerFixture::port).toArray());
    }

    /** Following the controllers (real or scripted) on these loopback ports, subscribed with {@code options}. */
    TuiHarness(int buffer, int height, SubscriptionOptions options, int... ports) throws Exception {
        this(new RecordStore(buffer), DEFAULT_WIDTH, height, options, ports);
    }

    /** The UI on a terminal of {@code width} x {@code height}, following the controllers on these ports. */
    TuiHarness(RecordStore store, int width, int height, int... ports) throws Exception {
        this(store, width, height, FAST_RETRY, ports);
    }

    /** As above, subscribed with {@code options}. */
    TuiHarness(RecordStore store, int width, int height, SubscriptionOptions options, int... ports) throws Exception {
        this(store, width, height, options, Arrays.stream(ports).mapToObj(p -> Endpoint.tcp("127.0.0.1", p)).toArray(Endpoint[]::new));
    }

    /** Following the controllers at these endpoints, over TCP or WebSocket. */
    TuiHarness(RecordStore store, int width, int height, SubscriptionOptions options, Endpoint... endpoints) throws Exception {
        this.width = width;
        this.height = height;
        terminal = new DefaultVirtualTerminal(new TerminalSize(width, height));
        this.store = store;
        controllers = new ControllerSet(store);
        for (Endpoint e : endpoints) {
            LogSubscription s = new LogSubscription(e, options, controllers);
            controllers.attach(s);
            s.start();
        }
        screen = new TerminalScreen(terminal);
        app = new TuiApp(screen, controllers, ZoneOffset.UTC);
        thread = new Thread(() -> {
            try {
                app.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tui-under-test");
        thread.start();
    }

    TuiHarness(ControllerFixture... fixtures) throws Exception {
        this(1000, DEFAULT_HEIGHT, fixtures);
    }

    /** Waits until every controller's subscription is live. */
    TuiHarness connected() {
        awaitScreen("every controller connected", s -> s.lines().findFirst().orElse("").contains("connected")
                && controllers.statuses().stream().allMatch(st -> st.state() == ConnectionState.CONNECTED));
        return this;
    }

    void type(String text) {
        for (char c : text.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    void press(KeyType key) {
        terminal.addInput(new KeyStroke(key));
    }

    /** Types a command line and Enter. */
    void command(String line) {
        type(":" + line);
        press(KeyType.Enter);
    }

    /** The screen's rows, trailing spaces cut, times masked. */
    List<String> rows() {
        synchronized (app.frameLock) {
            return rowsNow();
        }
    }

    private List<String> rowsNow() {
        List<String> rows = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            StringBuilder sb = new StringBuilder();
            for (int x = 0; x < width; x++) {
                TextCharacter c = screen.getFrontCharacter(x, y);
                sb.append(c == null ? " " : c.getCharacterString());
            }
            rows.add(TIME.matcher(sb.toString().stripTrailing()).replaceAll("hh:mm:ss.mmm"));
        }
        return rows;
    }

    private String numbered() {
        List<String> rows = rows();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            sb.append(String.format("%3d|%s%n", i, rows.get(i)));
        }
        return sb.toString();
    }

    String screen() {
        return String.join("\n", rows());
    }

    /** The log pane's rows (between the top bar and the two bottom lines), blank ones dropped. */
    List<String> pane() {
        List<String> r = rows().subList(1, height - 2);
        return r.stream().filter(s -> !s.isBlank()).toList();
    }

    String statsBar() {
        return rows().get(height - 2);
    }

    String bottomLine() {
        return rows().get(height - 1);
    }

    /** The row drawn in reverse video (the selection), or null. */
    String selectedRow() {
        synchronized (app.frameLock) {
            List<String> rows = rowsNow();
            for (int y = 1; y < height - 2; y++) {
                if (screen.getFrontCharacter(0, y).isReversed()) {
                    return rows.get(y);
                }
            }
            return null;
        }
    }

    TextCharacter at(int x, int y) {
        return screen.getFrontCharacter(x, y);
    }

    void awaitScreen(String what, Predicate<String> condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!test(condition)) {
            if (failure.get() != null) {
                throw new AssertionError("the UI failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; the screen:\n" + numbered());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }

    /** Tests the condition on one whole frame: the UI draws nothing meanwhile. */
    private boolean test(Predicate<String> condition) {
        synchronized (app.frameLock) {
            return condition.test(screen());
        }
    }

    void awaitText(String text) {
        awaitScreen("the screen shows '" + text + "'", s -> s.contains(text));
    }

    boolean running() {
        return thread.isAlive();
    }

    void awaitExit() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
        if (thread.isAlive()) {
            throw new AssertionError("the UI did not quit; the screen:\n" + screen());
        }
        if (failure.get() != null) {
            throw new AssertionError("the UI failed", failure.get());
        }
    }

    @Override
    public void close() throws Exception {
        app.quit();
        thread.join(TimeUnit.SECONDS.toMillis(10));
        controllers.closeAll();
        store.close();
    }
}

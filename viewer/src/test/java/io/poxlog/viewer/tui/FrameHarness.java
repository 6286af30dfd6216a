package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The terminal UI on Lanterna's virtual terminal with no controller and no thread of its own: the
 * test puts records in the store, types keys and runs the UI one frame at a time
 * ({@link TuiApp#processEventsAndUpdate}), then reads the screen. Times at the start of a row are
 * masked as {@code hh:mm:ss.mmm} (and {@code hh:mm:ss} on a narrow screen).
 */
final class FrameHarness implements AutoCloseable {
    private static final Pattern TIME = Pattern.compile("^\\d\\d:\\d\\d:\\d\\d(\\.\\d\\d\\d)?\\b");

    final int width;
    final int height;
    final DefaultVirtualTerminal terminal;
    final TerminalScreen screen;
    final RecordStore store;
    final ControllerSet controllers;
    final TuiApp app;

    FrameHarness(int width, int height) throws Exception {
        this(new RecordStore(10_000), width, height);
    }

    FrameHarness(RecordStore store, int width, int height) throws Exception {
        this.width = width;
        this.height = height;
        this.store = store;
        terminal = new DefaultVirtualTerminal(new TerminalSize(width, height));
        screen = new TerminalScreen(terminal);
        screen.startScreen();
        controllers = new ControllerSet(store);
        app = new TuiApp(screen, controllers, ZoneOffset.UTC);
    }

    void add(LogEntry e) {
        store.add(e);
    }

    /** Runs one frame: every key typed so far, then a drawing. */
    FrameHarness frame() throws Exception {
        app.processEventsAndUpdate();
        return this;
    }

    FrameHarness type(String text) throws Exception {
        for (char c : text.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
        return frame();
    }

    FrameHarness press(KeyType key) throws Exception {
        terminal.addInput(new KeyStroke(key));
        return frame();
    }

    FrameHarness command(String line) throws Exception {
        type(":" + line);
        return press(KeyType.Enter);
    }

    /** Runs frames until the screen shows what {@code condition} wants; the work it waits for runs on other threads. */
    FrameHarness until(String what, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.test(screenText())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; the screen:\n" + screenText());
            }
            Thread.onSpinWait();
            frame();
        }
        return this;
    }

    List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            StringBuilder sb = new StringBuilder();
            for (int x = 0; x < width; x++) {
                TextCharacter c = screen.getFrontCharacter(x, y);
                sb.append(c == null ? " " : c.getCharacterString());
            }
            rows.add(TIME.matcher(sb.toString().stripTrailing()).replaceAll(m -> m.group(1) == null ? "hh:mm:ss" : "hh:mm:ss.mmm"));
        }
        return rows;
    }

    String screenText() {
        return String.join("\n", rows());
    }

    /** The pane's rows, blank ones dropped. */
    List<String> pane() {
        return rows().subList(1, height - 2).stream().filter(s -> !s.isBlank()).toList();
    }

    String statsBar() {
        return rows().get(height - 2);
    }

    String bottomLine() {
        return rows().get(height - 1);
    }

    /** The row drawn in reverse video (the selection), or null. */
    String selectedRow() {
        List<String> rows = rows();
        for (int y = 1; y < height - 2; y++) {
            if (screen.getFrontCharacter(0, y).isReversed()) {
                return rows.get(y);
            }
        }
        return null;
    }

    @Override
    public void close() throws Exception {
        app.quit();
        app.processEventsAndUpdate(); // calls off what still runs
        screen.stopScreen();
        store.close();
    }
}

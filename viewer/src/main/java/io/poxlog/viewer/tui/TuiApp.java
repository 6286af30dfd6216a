package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TerminalPosition;
import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextColor;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.model.Sanitizer;
import java.io.IOException;
import java.time.ZoneId;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;

/**
 * The terminal UI: a status bar per controller on top, the log pane, a bar of counters and
 * filters, and a line for messages and prompts at the bottom. Overlays (record details, logger
 * tree, help) take the pane's place while open.
 *
 * <p>The thread that calls {@link #run} is the UI thread and the only one touching the screen.
 * Records reach the store on subscriber threads; the UI thread draws at most ~30 frames a second
 * and only when something changed, so a flood of records costs one frame per 33 ms however many
 * arrive, and keys are answered between frames. {@link #quit} may be called from any thread.
 */
public final class TuiApp {
    private static final long FRAME_NANOS = 33_000_000L;
    private static final long IDLE_PARK_NANOS = 5_000_000L;
    private static final long MESSAGE_NANOS = 10_000_000_000L;
    private static final String KEYS_HINT =
            "? help   / search   : command   L loggers   Enter details   space pause   w wrap   q quit";

    private final Screen screen;
    private final ControllerSet controllers;
    private final RecordStore store;
    private final ZoneId zone;
    private final LogPane pane;
    private final Commands commands;
    private final Prompt searchPrompt = new Prompt("/");
    private final Prompt commandPrompt = new Prompt(":");
    private final RateMeter rate = new RateMeter();
    private Prompt prompt;
    private Overlay overlay;
    private String message = "";
    private boolean messageIsError;
    private long messageSince;
    private volatile boolean quit;
    /** Held while a frame is drawn, so that tests read whole frames off a virtual terminal. */
    final Object frameLock = new Object();
    /** Frames drawn, so that tests can check the frame rate stays bounded under a flood. */
    private volatile long frames;

    public TuiApp(Screen screen, ControllerSet controllers, ZoneId zone) {
        this.screen = screen;
        this.controllers = controllers;
        this.store = controllers.store();
        this.zone = zone;
        this.pane = new LogPane(store);
        this.commands = new Commands(controllers, this::quit);
    }

    public void quit() {
        quit = true;
    }

    /** Runs until {@code q} (or {@link #quit}); starts the screen and always restores it. */
    public void run() throws IOException {
        screen.startScreen();
        try {
            loop();
        } finally {
            screen.stopScreen();
        }
    }

    private void loop() throws IOException {
        long lastDraw = 0;
        long drawnVersion = -1;
        boolean dirty = true;
        while (!quit) {
            KeyStroke k;
            while (!quit && (k = screen.pollInput()) != null) {
                if (k.getKeyType() == KeyType.EOF) {
                    quit = true; // the terminal went away
                } else {
                    key(k);
                }
                dirty = true;
            }
            long now = System.nanoTime();
            if (rate.sample(now, store.received()) || store.version() != drawnVersion) {
                dirty = true;
            }
            if (!quit && dirty && now - lastDraw >= FRAME_NANOS) {
                drawnVersion = store.version();
                synchronized (frameLock) {
                    draw(now);
                }
                frames++; // only this thread writes it
                lastDraw = now;
                dirty = false;
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS); // the frame pace, not a wait for an event
            }
        }
    }

    long frames() {
        return frames;
    }

    void say(String text) {
        message = text;
        messageIsError = false;
        messageSince = System.nanoTime();
    }

    void complain(String text) {
        say(text);
        messageIsError = true;
    }

    private void key(KeyStroke k) {
        if (k.getKeyType() == KeyType.Character && k.isCtrlDown() && k.getCharacter() == 'c') {
            quit();
            return;
        }
        if (prompt != null) {
            promptKey(k);
            return;
        }
        if (overlay != null) {
            if (!overlay.key(k)) {
                overlay = null;
            }
            return;
        }
        message = "";
        switch (k.getKeyType()) {
            case ArrowUp -> pane.up(1);
            case ArrowDown -> pane.down(1);
            case PageUp -> pane.pageUp();
            case PageDown -> pane.pageDown();
            case Home -> pane.home();
            case End -> pane.follow();
            case ArrowLeft -> pane.left();
            case ArrowRight -> pane.right();
            case Enter -> details();
            case Escape -> pane.search(null);
            case Character -> character(k.getCharacter());
            default -> { }
        }
    }

    private void character(char c) {
        switch (c) {
            case 'q' -> quit();
            case '?' -> overlay = Help.page();
            case ' ' -> pane.togglePause();
            case 'k' -> pane.up(1);
            case 'j' -> pane.down(1);
            case 'g' -> pane.home();
            case 'G' -> pane.follow();
            case 'h' -> pane.left();
            case 'l' -> pane.right();
            case 'w' -> pane.toggleWrap();
            case '/' -> open(searchPrompt);
            case ':' -> open(commandPrompt);
            case 'n' -> findNext(false);
            case 'N' -> findNext(true);
            case 'L' -> loggers();
            case 'R' -> retryRefused();
            default -> { }
        }
    }

    private void open(Prompt p) {
        prompt = p;
        p.open();
    }

    private void promptKey(KeyStroke k) {
        Prompt p = prompt;
        Prompt.Outcome o = p.key(k);
        if (o == Prompt.Outcome.EDITING) {
            return;
        }
        prompt = null;
        message = "";
        if (o == Prompt.Outcome.CANCELLED) {
            return;
        }
        if (p == searchPrompt) {
            search(p.text());
        } else {
            try {
                say(commands.run(p.text()));
            } catch (Commands.CommandException e) {
                complain(e.getMessage());
            }
        }
    }

    private void search(String regex) {
        Pattern p;
        try {
            p = Commands.regex(regex);
        } catch (Commands.CommandException e) {
            complain(e.getMessage());
            return;
        }
        pane.search(p);
        if (p == null) {
            return;
        }
        int sel = pane.selectedIndex();
        int found = sel < 0 ? -1 : store.find(p, sel + 1, false); // the selection itself first, then older
        if (found < 0) {
            complain("no match for /" + regex + "/");
        } else {
            pane.select(found);
        }
    }

    private void findNext(boolean newer) {
        Pattern p = pane.search();
        if (p == null) {
            complain("no search yet: / to search");
            return;
        }
        int sel = pane.selectedIndex();
        int found = sel < 0 ? -1 : store.find(p, sel, newer);
        if (found < 0) {
            complain("no match for /" + p.pattern() + "/");
            return;
        }
        if (newer ? found <= sel : found >= sel) {
            say(newer ? "search wrapped to the oldest record" : "search wrapped to the newest record");
        }
        pane.select(found);
    }

    private void retryRefused() {
        int n = controllers.retryRefused();
        if (n == 0) {
            complain("no controller refused this viewer: nothing to retry");
        } else {
            say("retrying " + n + (n == 1 ? " controller" : " controllers") + " that refused this viewer");
        }
    }

    private void details() {
        LogEntry e = pane.selected();
        if (e != null) {
            overlay = RecordDetails.page(e);
        }
    }

    private void loggers() {
        LogEntry e = pane.selected();
        String source = e != null ? e.source() : controllers.sources().get(0);
        overlay = new LoggerTreeView(controllers, source, this::say);
    }

    private void draw(long now) throws IOException {
        String notice = controllers.nextNotice();
        if (notice != null) {
            complain(notice);
        } else if (!message.isEmpty() && now - messageSince > MESSAGE_NANOS) {
            message = "";
        }
        screen.doResizeIfNecessary();
        TerminalSize size = screen.getTerminalSize();
        int width = size.getColumns();
        int rows = Math.max(1, size.getRows() - 3);
        TextGraphics g = screen.newTextGraphics();
        StatusBars.top(g, 0, width, controllers.statuses(), System.currentTimeMillis());
        if (overlay != null) {
            overlay.draw(g, 1, rows, width);
        } else {
            pane.draw(g, 1, rows, new Columns(width, controllers.sources(), zone), emptyText());
        }
        StatusBars.stats(g, size.getRows() - 2, width, pane, store, rate.perSecond());
        drawBottom(g, size.getRows() - 1, width);
        screen.refresh();
    }

    private String emptyText() {
        if (store.size() > 0) {
            return "no record held matches the filter (" + store.filter().describe() + ")";
        }
        return "waiting for records from " + String.join(", ", controllers.sources());
    }

    private void drawBottom(TextGraphics g, int row, int width) {
        RowPainter p = new RowPainter(g, row, width, false);
        if (prompt != null) {
            String text = Sanitizer.line(prompt.text());
            p.text(prompt.symbol() + text, Palette.DEFAULT).finish();
            screen.setCursorPosition(new TerminalPosition(Math.min(width - 1, 1 + prompt.cursor()), row));
            return;
        }
        screen.setCursorPosition(null);
        if (!message.isEmpty()) {
            p.text(Sanitizer.line(message), messageIsError ? Palette.ERROR : TextColor.ANSI.GREEN_BRIGHT);
        } else {
            p.text(overlay != null ? overlay.hint() : KEYS_HINT, Palette.DIM);
        }
        p.finish();
    }
}

package io.poxlog.viewer.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.graphics.TextGraphics;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.Screen;
import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import java.io.IOException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;

/**
 * The terminal UI: a status bar per controller on top, the log pane, a bar of counters and
 * filters, and a line for messages and prompts at the bottom. Overlays (record details, logger
 * tree, help) take the pane's place while open.
 *
 * <p>The thread that calls {@link #run} (or {@link #processEventsAndUpdate}) is the UI thread and
 * the only one touching the screen. Records reach the store on subscriber threads; the UI thread
 * draws at most ~30 frames a second and only when something changed, so a flood of records costs
 * one frame per 33 ms however many arrive, and keys are answered between frames. Nothing it does
 * takes long: searches and {@code :write} run as {@link Jobs}, a regex filter in the store's own
 * builder, and Esc calls either off. {@link #quit} may be called from any thread.
 */
public final class TuiApp {
    private static final long FRAME_NANOS = 33_000_000L;
    private static final long IDLE_PARK_NANOS = 5_000_000L;

    private final Screen screen;
    private final ControllerSet controllers;
    private final RecordStore store;
    private final ZoneId zone;
    private final LogPane pane;
    private final MessageLine messages = new MessageLine();
    /** Searches and writes each have their own: a search started does not call off a write. */
    private final Jobs searches = new Jobs("pox-log-search", messages);
    private final Jobs writes = new Jobs("pox-log-write", messages);
    private final Commands commands;
    private final PaneSearch search;
    private final Prompt searchPrompt = new Prompt("/");
    private final Prompt commandPrompt = new Prompt(":");
    private final RateMeter rate = new RateMeter();
    /** The logger tree's folds, kept between openings. */
    private final Set<String> folds = new HashSet<>(LoggerTreeView.FOLDED_AT_FIRST);
    private Prompt prompt;
    private Overlay overlay;
    /** A command changed the filter and its view is still being filled: say how it ends. */
    private boolean awaitingFilter;
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
        this.commands = new Commands(controllers, writes, messages, this::quit);
        this.search = new PaneSearch(store, pane, searches, messages);
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
            stopJobs();
            screen.stopScreen();
        }
    }

    private void loop() throws IOException {
        long lastDraw = 0;
        long drawnVersion = -1;
        boolean dirty = true;
        while (!quit) {
            if (pump()) {
                dirty = true;
            }
            long now = System.nanoTime();
            if (rate.sample(now, store.received()) || store.version() != drawnVersion) {
                dirty = true;
            }
            if (!quit && dirty && now - lastDraw >= FRAME_NANOS) {
                drawnVersion = store.version();
                frame(now);
                lastDraw = now;
                dirty = false;
            } else {
                LockSupport.parkNanos(IDLE_PARK_NANOS); // the frame pace, not a wait for an event
            }
        }
    }

    /**
     * One turn of the UI, for tests and embedders that drive it themselves (as Lanterna's
     * {@code TextGUIThread.processEventsAndUpdate}): handles every key waiting and whatever
     * finished jobs left, then draws a frame. The screen must be started (and stopped) by the
     * caller. Returns false once the UI has quit, having called off its jobs.
     */
    public boolean processEventsAndUpdate() throws IOException {
        pump();
        if (quit) {
            stopJobs();
            return false;
        }
        frame(System.nanoTime());
        return true;
    }

    private void stopJobs() {
        searches.close();
        writes.close();
    }

    /** Keys waiting, finished jobs, a filter that got applied; true when any of them changed something. */
    private boolean pump() throws IOException {
        boolean changed = false;
        KeyStroke k;
        while (!quit && (k = screen.pollInput()) != null) {
            if (k.getKeyType() == KeyType.EOF) {
                quit = true; // the terminal went away
            } else {
                key(k);
            }
            changed = true;
        }
        changed |= messages.changed(); // a controller answered a level change
        changed |= searches.runFinished();
        changed |= writes.runFinished();
        if (awaitingFilter && store.filterApplied()) {
            awaitingFilter = false;
            messages.say(commands.showing());
            changed = true;
        }
        return changed;
    }

    private void frame(long now) throws IOException {
        synchronized (frameLock) {
            draw(now);
        }
        frames++; // only this thread writes it
    }

    long frames() {
        return frames;
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
        messages.clear();
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
            case Escape -> escape();
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
            case 'n' -> search.next(false);
            case 'N' -> search.next(true);
            case 'L' -> loggers();
            case 'R' -> retryRefused();
            default -> { }
        }
    }

    /** Esc calls off what is running (a search, a write, a filter being applied), else clears the search. */
    private void escape() {
        if (searches.cancel() || writes.cancel()) {
            return;
        }
        if (!store.filterApplied()) {
            Filter back = store.cancelFilter();
            awaitingFilter = !store.filterApplied();
            messages.say("filter cancelled; back to " + back.describe());
            return;
        }
        pane.search(null);
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
        messages.clear();
        if (o == Prompt.Outcome.CANCELLED) {
            return;
        }
        if (p == searchPrompt) {
            search.search(p.text());
            return;
        }
        Filter before = store.filter();
        try {
            String answer = commands.run(p.text());
            if (!answer.isEmpty()) {
                messages.say(answer);
            }
        } catch (Commands.CommandException e) {
            messages.complain(e.getMessage());
        }
        if (store.filter() != before) {
            awaitingFilter = true; // says what is shown once the builder is done, which may be already
        }
    }

    private void retryRefused() {
        int n = controllers.retryRefused();
        if (n == 0) {
            messages.complain("no controller refused this viewer: nothing to retry");
        } else {
            messages.say("retrying " + n + (n == 1 ? " controller" : " controllers") + " that refused this viewer");
        }
    }

    private void details() {
        LogEntry e = pane.selected();
        if (e != null) {
            overlay = RecordDetails.page(e);
        }
    }

    private void loggers() {
        if (controllers.sources().isEmpty()) {
            messages.complain("no controller to ask for loggers");
            return;
        }
        LogEntry e = pane.selected();
        String source = e != null ? e.source() : controllers.sources().get(0);
        overlay = new LoggerTreeView(controllers, source, folds, messages);
    }

    private void draw(long now) throws IOException {
        String notice = controllers.nextNotice();
        if (notice != null) {
            messages.notice(notice);
        }
        screen.doResizeIfNecessary();
        TerminalSize size = screen.getTerminalSize();
        int width = size.getColumns();
        int rows = Math.max(1, size.getRows() - 3);
        TextGraphics g = screen.newTextGraphics();
        StatusBars.top(g, 0, width, controllers.statuses(), System.currentTimeMillis());
        LevelReport report = prompt == null ? messages.report(now) : null;
        if (report != null) {
            rows -= drawReport(g, report, rows, width);
        }
        if (overlay != null) {
            overlay.draw(g, 1, rows, width);
        } else {
            pane.draw(g, 1, rows, new Columns(width, controllers.sources(), zone), controllers.sources());
        }
        StatusBars.stats(g, size.getRows() - 2, width, pane, store, rate.perSecond());
        drawBottom(g, size.getRows() - 1, width, now);
        screen.refresh();
    }

    /**
     * The report's lines, one per controller, at the bottom of the pane (half of it at most, the
     * rest counted in its first line); returns the rows taken.
     */
    private int drawReport(TextGraphics g, LevelReport report, int paneRows, int width) {
        java.util.List<LevelReport.Line> lines = report.lines();
        int shown = Math.min(lines.size(), Math.max(1, paneRows / 2));
        int top = 1 + paneRows - shown;
        for (int i = 0; i < shown; i++) {
            LevelReport.Line l = lines.get(lines.size() - shown + i);
            String text = (i == 0 && shown < lines.size() ? "(" + (lines.size() - shown) + " more above) " : "") + l.text();
            io.poxlog.viewer.client.LevelOutcome o = l.now();
            com.googlecode.lanterna.TextColor fg = o == null ? Palette.DIM : switch (o.kind()) {
                case APPLIED -> com.googlecode.lanterna.TextColor.ANSI.GREEN_BRIGHT;
                case CAPPED, UNCONFIRMED -> com.googlecode.lanterna.TextColor.ANSI.YELLOW_BRIGHT;
                case REFUSED, NOT_SENT -> Palette.ERROR;
            };
            new RowPainter(g, top + i, width, false).text("  " + text, fg).finish();
        }
        return shown;
    }

    private void drawBottom(TextGraphics g, int row, int width, long now) {
        Prompt open = prompt != null ? prompt : overlay != null ? overlay.prompt() : null;
        if (open != null) {
            BottomLine.prompt(g, screen, row, width, open);
            return;
        }
        screen.setCursorPosition(null);
        Jobs.Progress job = searches.running() != null ? searches.running() : writes.running();
        String progress = job != null ? job.describe() : awaitingFilter ? commands.filtering() : null;
        String hint = overlay != null ? overlay.hint(width) : BottomLine.keys(width, pane.following());
        BottomLine.status(g, row, width, progress, messages, now, hint);
    }
}

package io.poxlog.viewer.cli;

import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.DefaultTerminalFactory;
import com.googlecode.lanterna.terminal.Terminal;
import com.googlecode.lanterna.terminal.ansi.UnixLikeTerminal;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.tui.ControllerSet;
import io.poxlog.viewer.tui.TuiApp;
import java.io.IOException;
import java.io.PrintStream;
import java.time.ZoneId;

/** Opens the terminal UI ({@link TuiApp}) on the real terminal for {@link PoxLog}. */
final class TuiLauncher {
    private TuiLauncher() {
    }

    static int run(PoxLog.Settings s, PrintStream err) {
        RecordStore store = new RecordStore(s.buffer());
        store.setFilter(s.filter());
        ControllerSet controllers = new ControllerSet(store);
        // Said on the bottom line, as the controllers' own errors are.
        s.notes().forEach(n -> controllers.onServerError("pox-log", n));
        LogListener listener = Double.isNaN(s.sinceCutoff()) ? controllers : new SinceCut(s.sinceCutoff(), controllers);
        PoxLog.start(s, listener).forEach(controllers::attach);
        // Ctrl-C arrives as a key (the UI quits and restores the terminal) rather than killing us
        // with the terminal still in raw mode.
        DefaultTerminalFactory factory = new DefaultTerminalFactory()
                .setForceTextTerminal(true)
                .setUnixTerminalCtrlCBehaviour(UnixLikeTerminal.CtrlCBehaviour.TRAP);
        try (Terminal terminal = factory.createTerminal()) {
            new TuiApp(new TerminalScreen(terminal), controllers, ZoneId.systemDefault()).run();
            return 0;
        } catch (IOException e) {
            err.println("pox-log: cannot use this terminal: " + e.getMessage() + " (try --plain)");
            return 1;
        } finally {
            controllers.closeAll();
        }
    }
}

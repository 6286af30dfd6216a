package io.poxlog.viewer.cli;

import java.io.PrintStream;

/** Opens the terminal UI (io.poxlog.viewer.tui) for {@link PoxLog}. */
final class TuiLauncher {
    private TuiLauncher() {
    }

    static int run(PoxLog.Settings s, PrintStream err) {
        err.println("pox-log: the terminal UI is not built yet; use --plain");
        return 1;
    }
}

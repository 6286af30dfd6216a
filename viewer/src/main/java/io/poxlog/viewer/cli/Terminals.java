package io.poxlog.viewer.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Which of the standard streams are terminals, each on its own (issue 10, item 7). Java 17 can
 * only say whether standard input and output both are ({@code System.console()}), so {@code
 * pox-log --plain </dev/null} on a terminal was taken for a pipe and let escape sequences through,
 * and with standard output redirected, standard error (the controller's errors) was written raw
 * to the terminal. What goes to a terminal is sanitized; what goes to a pipe or a file is not.
 *
 * <p>Asked in order: the system properties {@code poxlog.tty.stdin}, {@code poxlog.tty.stdout}
 * and {@code poxlog.tty.stderr} ({@code bin/pox-log} sets them from the shell's {@code [ -t N ]});
 * then where {@code /proc/self/fd/N} points ({@code /dev/pts/*}, {@code /dev/tty*} and {@code
 * /dev/console} are terminals); last, {@code System.console() != null} for every stream.
 * Immutable.
 *
 * @param in standard input is a terminal (the terminal UI reads its keys there)
 * @param out standard output is a terminal
 * @param err standard error is a terminal
 */
record Terminals(boolean in, boolean out, boolean err) {
    /** Every stream a pipe or a file: nothing is sanitized. */
    static final Terminals NONE = new Terminals(false, false, false);
    /** Every stream a terminal. */
    static final Terminals ALL = new Terminals(true, true, true);

    static final String PROPERTY_PREFIX = "poxlog.tty.";
    private static final String[] NAMES = {"stdin", "stdout", "stderr"};

    /** The streams of this process. */
    static Terminals detect() {
        return detect(System::getProperty, fd -> {
            try {
                return Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return null;
            }
        }, System.console() != null);
    }

    /**
     * @param property a system property's value, or null
     * @param fdTarget where file descriptor N points, or null when that cannot be read
     * @param console whether {@code System.console()} is there
     */
    static Terminals detect(Function<String, String> property, Function<Integer, String> fdTarget, boolean console) {
        boolean[] tty = new boolean[3];
        for (int fd = 0; fd < 3; fd++) {
            String p = property.apply(PROPERTY_PREFIX + NAMES[fd]);
            if (p != null && (p.equals("true") || p.equals("false"))) {
                tty[fd] = p.equals("true");
                continue;
            }
            String target = fdTarget.apply(fd);
            tty[fd] = target != null ? isTerminalDevice(target) : console;
        }
        return new Terminals(tty[0], tty[1], tty[2]);
    }

    static boolean isTerminalDevice(String path) {
        return path.startsWith("/dev/pts/") || path.startsWith("/dev/tty") || path.equals("/dev/console");
    }

    /** Whether the terminal UI can run: it reads keys from standard input and draws on standard output. */
    boolean interactive() {
        return in && out;
    }
}

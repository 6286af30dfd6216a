package io.poxlog.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The console of {@code bin/controller}: its log on standard output, and the end of the process
 * when whoever reads that output goes away. {@code bin/controller | head} then stops once head
 * has its lines, quietly and cleanly (the shutdown hook runs, subscribers get {@code Going
 * down...}), as {@code tail -f | head} does: a closed output is the end, not an error.
 *
 * <p>Only a reader going away is: when standard output is a file or another device (Linux tells
 * which through {@code /proc/self/fd/1}) a failed write is a full disk or the like, which must not
 * stop a controller. It is said once on standard error, the records that fail are dropped from
 * the console alone (subscribers and other appenders still get them), and writing goes on when it
 * can. Where nothing tells what standard output is, a failed write ends the process as for a pipe.
 *
 * <p>Unlike logback's ConsoleAppender, which keeps failing against a closed pipe, this one
 * writes nothing more once its reader is gone. Logging threads call it under the appender's lock;
 * the exit runs on a thread of its own, because the shutdown hook logs too.
 */
public final class StdoutAppender extends OutputStreamAppender<ILoggingEvent> {
    @Override
    public void start() {
        String target = target(Path.of("/proc/self/fd/1"));
        setOutputStream(new ClosingOnEnd(new FileOutputStream(FileDescriptor.out), target,
                target == null || endsWithItsReader(target), System.err));
        super.start();
    }

    /** Where {@code fd} points ({@code pipe:[123]}, {@code /var/log/c.log}), or null when nothing says. */
    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException | UnsupportedOperationException | SecurityException unknown) {
            return null;
        }
    }

    /** Whether a failed write to {@code target} means its reader went away: a pipe, a socket, a terminal. */
    private static boolean endsWithItsReader(String target) {
        return target.startsWith("pipe:") || target.startsWith("socket:") || target.startsWith("/dev/pts/")
                || target.startsWith("/dev/tty");
    }

    /**
     * Passes bytes on. When a write fails: with {@code endOnFailure}, drops them and everything
     * after and ends the process; otherwise says so once on {@code err} and tries the next.
     */
    private static final class ClosingOnEnd extends OutputStream {
        private final OutputStream out;
        private final String target;
        private final boolean endOnFailure;
        private final PrintStream err;
        private volatile boolean ended;
        private boolean failing;

        ClosingOnEnd(OutputStream out, String target, boolean endOnFailure, PrintStream err) {
            this.out = out;
            this.target = target;
            this.endOnFailure = endOnFailure;
            this.err = err;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (ended) {
                return;
            }
            try {
                out.write(b, off, len);
                failing = false;
            } catch (IOException e) {
                failed(e);
            }
        }

        @Override
        public void flush() {
            if (ended) {
                return;
            }
            try {
                out.flush();
            } catch (IOException e) {
                failed(e);
            }
        }

        private void failed(IOException e) {
            if (endOnFailure) {
                end();
            } else if (!failing) {
                failing = true;
                err.println("controller: cannot write the console log to " + target + ": " + e.getMessage()
                        + "; the controller goes on, and its console with the first record it can write");
                err.flush();
            }
        }

        private void end() {
            ended = true;
            Thread exit = new Thread(() -> System.exit(0), "stdout-closed");
            exit.setDaemon(true);
            exit.start();
        }
    }
}

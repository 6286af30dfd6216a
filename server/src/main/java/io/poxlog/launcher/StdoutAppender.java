package io.poxlog.launcher;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The console of {@code bin/controller}: its log on standard output, and the end of the process
 * when whoever reads that output goes away. {@code bin/controller | head} then stops once head
 * has its lines, quietly and cleanly (the shutdown hook runs, subscribers get {@code Going
 * down...}), as {@code tail -f | head} does: a closed output is the end, not an error.
 *
 * <p>Unlike logback's ConsoleAppender, which keeps failing against a closed pipe, this one
 * writes nothing more once its output is gone. Logging threads call it under the appender's lock;
 * the exit runs on a thread of its own, because the shutdown hook logs too.
 */
public final class StdoutAppender extends OutputStreamAppender<ILoggingEvent> {
    @Override
    public void start() {
        setOutputStream(new ClosingOnEnd(new FileOutputStream(FileDescriptor.out)));
        super.start();
    }

    /** Passes bytes on until the first write fails; then drops them and ends the process. */
    private static final class ClosingOnEnd extends OutputStream {
        private final OutputStream out;
        private volatile boolean ended;

        ClosingOnEnd(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (ended) {
                return;
            }
            try {
                out.write(b, off, len);
            } catch (IOException closed) {
                end();
            }
        }

        @Override
        public void flush() {
            if (ended) {
                return;
            }
            try {
                out.flush();
            } catch (IOException closed) {
                end();
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

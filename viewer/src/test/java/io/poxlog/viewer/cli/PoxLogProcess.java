package io.poxlog.viewer.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * {@code pox-log} as a real process (this test run's classes), its standard output and error real
 * pipes read line by line on threads of their own: what {@code pox-log ... | grep} sees. Every
 * wait has a deadline; {@link #close} kills what is still running.
 */
final class PoxLogProcess implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60); // a JVM started on a loaded 2-core machine
    private static final String EOF = new String("end of stream");

    private final Process process;
    private final LinkedBlockingQueue<String> out = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> err = new LinkedBlockingQueue<>();
    private final List<String> errSeen = new ArrayList<>();

    private PoxLogProcess(Process p) {
        this.process = p;
        pump(p.getInputStream(), out, "pox-log-out");
        pump(p.getErrorStream(), err, "pox-log-err");
    }

    static PoxLogProcess start(String... args) throws IOException {
        return new PoxLogProcess(builder(args).start());
    }

    /** The command that runs pox-log's main class on this test run's class path. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), PoxLog.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    static ProcessBuilder builder(String... args) {
        return new ProcessBuilder(command(args)).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    }

    private static void pump(InputStream in, LinkedBlockingQueue<String> q, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    q.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
            q.add(EOF);
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** The next line of standard output; fails at the deadline or at the end of the output. */
    String line() throws InterruptedException {
        String l = out.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        if (l == null || l == EOF) {
            if (l == EOF) {
                out.add(EOF);
            }
            throw new AssertionError((l == null ? "no line within " + DEADLINE : "the output ended") + "; stderr: " + errLines());
        }
        return l;
    }

    /** The next {@code n} lines of standard output. */
    List<String> lines(int n) throws InterruptedException {
        List<String> got = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            got.add(line());
        }
        return got;
    }

    /** Every line of standard output up to its end (the process ending), within the deadline. */
    List<String> rest() throws InterruptedException {
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String l = out.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (l == null) {
                throw new AssertionError("the output did not end within " + DEADLINE + "; so far " + got + "; stderr: " + errLines());
            }
            if (l == EOF) {
                out.add(EOF);
                return got;
            }
            got.add(l);
        }
    }

    /** Waits for a line of standard error that contains {@code text}; returns it. */
    String errLine(String text) throws InterruptedException {
        synchronized (errSeen) {
            for (String l : errSeen) {
                if (l.contains(text)) {
                    return l;
                }
            }
        }
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String l = err.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (l == null || l == EOF) {
                if (l == EOF) {
                    err.add(EOF);
                }
                throw new AssertionError("stderr never said '" + text + "'; it said " + errLines());
            }
            synchronized (errSeen) {
                errSeen.add(l);
            }
            if (l.contains(text)) {
                return l;
            }
        }
    }

    /** The lines of standard error read so far (and any waiting). */
    List<String> errLines() {
        synchronized (errSeen) {
            for (String l; (l = err.poll()) != null; ) {
                if (l == EOF) {
                    err.add(EOF);
                    break;
                }
                errSeen.add(l);
            }
            return List.copyOf(errSeen);
        }
    }

    /** The exit code, waiting for it within the deadline. */
    int exit() throws InterruptedException {
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("pox-log did not end within " + DEADLINE + "; stderr: " + errLines());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

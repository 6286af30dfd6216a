package io.poxlog.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/controller} as a real process for tests: the same main class and class path, its
 * standard output and standard error each read line by line on a thread of its own.
 */
final class ControllerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final BlockingQueue<String> out = new LinkedBlockingQueue<>();
    final BlockingQueue<String> err = new LinkedBlockingQueue<>();

    private ControllerProcess(Process process, boolean readOut) {
        this.process = process;
        if (readOut) {
            pump(process.getInputStream(), out, "controller-stdout");
        }
        pump(process.getErrorStream(), err, "controller-stderr");
    }

    /** Starts the controller with {@code args}; its output is read into {@link #out}. */
    static ControllerProcess start(String... args) throws IOException {
        return new ControllerProcess(builder(args).start(), true);
    }

    /** Starts it with nobody reading its standard output: the test reads {@code process.getInputStream()}. */
    static ControllerProcess startUnread(String... args) throws IOException {
        return new ControllerProcess(builder(args).start(), false);
    }

    /** Starts it with its standard output going to {@code file} (a device such as /dev/full, say). */
    static ControllerProcess startWithOutputTo(java.io.File file, String... args) throws IOException {
        return new ControllerProcess(builder(args).redirectOutput(file).start(), false);
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Controller.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static void pump(InputStream in, BlockingQueue<String> lines, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(lines::add);
            } catch (IOException | java.io.UncheckedIOException ended) {
                // the process is gone
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    /** Waits until the console says where the TCP transport listens. */
    InetSocketAddress awaitListening() throws InterruptedException {
        String line = awaitLine(LISTENING);
        Matcher m = LISTENING.matcher(line);
        m.find();
        return new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)));
    }

    /**
     * The first console line (from now on) in which {@code p} is found; fails after a minute: a
     * JVM's start alone has taken more than 15 s on this project's loaded 2-core machine.
     */
    String awaitLine(Pattern p) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = out.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            if (p.matcher(line).find()) {
                return line;
            }
        }
        throw new AssertionError("the controller never printed /" + p + "/; it printed " + seen + "; stderr " + err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

package io.poxlog.examples.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link InventoryApp} as a process of its own, on the class path its POM gives it at run time
 * (Maven's {@code dependency:build-classpath}, nothing of the tests), its standard output and
 * error in files, its log file where the test says. Every wait has a deadline.
 */
final class AppProcess implements AutoCloseable {
    static final Duration DEADLINE = Duration.ofSeconds(60); // a JVM started on a loaded 2-core machine
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    final Path dir;
    final Path logFile;
    private final Process process;

    private AppProcess(Path dir, Process process) {
        this.dir = dir;
        this.logFile = dir.resolve("inventory.log");
        this.process = process;
    }

    /** The application's run-time class path; {@code leaveOut} drops the jars whose names contain it. */
    static List<String> classPath(String leaveOut) throws IOException {
        List<String> cp = new ArrayList<>(List.of(System.getProperty("example.classes")));
        String deps = Files.readString(Path.of(System.getProperty("example.classpath.file"))).strip();
        for (String jar : deps.split(java.io.File.pathSeparator)) {
            if (leaveOut == null || !Path.of(jar).getFileName().toString().contains(leaveOut)) {
                cp.add(jar);
            }
        }
        return cp;
    }

    static AppProcess start(Path dir, List<String> classPath, String... properties) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dinventory.log=" + dir.resolve("inventory.log")));
        Arrays.stream(properties).map(p -> "-D" + p).forEach(cmd::add);
        cmd.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classPath), InventoryApp.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        return new AppProcess(dir, p);
    }

    List<String> stdout() throws IOException {
        return lines(dir.resolve("stdout"));
    }

    List<String> stderr() throws IOException {
        return lines(dir.resolve("stderr"));
    }

    List<String> logLines() throws IOException {
        return lines(logFile);
    }

    private static List<String> lines(Path p) throws IOException {
        return Files.exists(p) ? Files.readAllLines(p, StandardCharsets.UTF_8) : List.of();
    }

    /** Waits for a line of the log file that {@code wanted} accepts, and returns it. */
    String awaitLogLine(String what, Predicate<String> wanted) throws IOException {
        return await(what, () -> logLines().stream().filter(wanted).findFirst().orElse(null));
    }

    /** The port the messenger listens on, as its console says. */
    int awaitPort() throws IOException {
        String line = await("the messenger listening", () -> stdout().stream().filter(l -> LISTENING.matcher(l).find())
                .findFirst().orElse(null));
        Matcher m = LISTENING.matcher(line);
        m.find();
        return Integer.parseInt(m.group(1));
    }

    private interface Probe {
        String get() throws IOException;
    }

    private String await(String what, Probe probe) throws IOException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            String got = probe.get();
            if (got != null) {
                return got;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError((process.isAlive() ? "timed out" : "the application exited") + " waiting for "
                        + what + "; stdout ends: " + tail(stdout()) + "; stderr ends: " + tail(stderr()));
            }
            LockSupport.parkNanos(20_000_000);
        }
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 15), lines.size());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as an operator's Ctrl-C or a service manager: waits for the exit and returns its code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("the application did not stop within " + DEADLINE);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.Await;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/demo --web} as a real process: the project's own script, in a copy of {@code bin/}
 * whose {@code controller} runs this build's classes (so that nothing is built), with a display or
 * without one, and an {@code xdg-open} of the test's that records what it was asked to open.
 */
class DemoWebTest {
    private static final Pattern URL = Pattern.compile("^log viewer: (http://127\\.0\\.0\\.1:(\\d+)/)$");

    @TempDir
    Path home;
    private Path opened;
    private Path fakeBin;

    @BeforeEach
    void aProjectWithThisBuildsController() throws IOException {
        Path repo = Path.of(System.getProperty("user.dir")).getParent();
        Path bin = Files.createDirectories(home.resolve("bin"));
        for (String script : List.of("demo", "_common.sh")) {
            Files.copy(repo.resolve("bin").resolve(script), bin.resolve(script));
        }
        executable(bin.resolve("controller"), "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -cp '" + System.getProperty("java.class.path") + "' " + Controller.class.getName() + " \"$@\"\n");
        executable(bin.resolve("demo"), Files.readString(bin.resolve("demo")));
        // jars that _common.sh finds, and nothing newer than them: no build
        for (String module : List.of("controller", "viewer")) {
            Files.createFile(Files.createDirectories(home.resolve(module).resolve("target"))
                    .resolve("poxlog-" + module + "-0-all.jar"));
        }
        opened = home.resolve("opened");
        fakeBin = Files.createDirectories(home.resolve("fake-bin"));
        executable(fakeBin.resolve("xdg-open"), "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + opened + "'\n");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Process demo(boolean display, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", home.resolve("bin/demo").toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        Map<String, String> env = b.environment();
        env.remove("DISPLAY");
        env.remove("WAYLAND_DISPLAY");
        env.put("PATH", fakeBin + ":/usr/local/bin:/usr/bin:/bin");
        env.put("TMPDIR", home.toString());
        if (display) {
            env.put("DISPLAY", ":99");
        }
        return b.start();
    }

    @Test
    void withADisplayItOpensTheViewersUrlAndCtrlCStopsTheController() throws Exception {
        Process demo = demo(true, "--web");
        try {
            Lines out = new Lines(demo.getInputStream());
            Lines err = new Lines(demo.getErrorStream());
            Matcher m = URL.matcher(out.await(URL, err));
            assertThat(m.find()).isTrue();
            String url = m.group(1);
            int port = Integer.parseInt(m.group(2));
            // Its >> makes the file before it writes the line: wait for the line, not the file.
            Await.until("xdg-open was run", Duration.ofSeconds(20),
                    () -> Files.exists(opened) && lineWritten(opened));
            assertThat(Files.readAllLines(opened)).containsExactly(url);
            assertThat(err.await(Pattern.compile("^demo: opening it with xdg-open"), out)).isNotEmpty();

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();

            demo.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the script's trap stops the controller
            assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Await.until("the controller stopped listening", Duration.ofSeconds(30), () -> !listening(port));
        } finally {
            demo.destroyForcibly();
        }
    }

    @Test
    void withoutADisplayItPrintsTheUrlAndOpensNothing() throws Exception {
        Process demo = demo(false, "--web");
        try {
            Lines out = new Lines(demo.getInputStream());
            Lines err = new Lines(demo.getErrorStream());
            Matcher m = URL.matcher(out.await(URL, err));
            assertThat(m.find()).isTrue();
            assertThat(err.await(Pattern.compile("^demo: no display"), out)).contains("open " + m.group(1) + " in a browser");
            assertThat(listening(Integer.parseInt(m.group(2)))).isTrue();
            assertThat(opened).doesNotExist();
        } finally {
            demo.destroy();
            demo.waitFor(30, TimeUnit.SECONDS);
            demo.destroyForcibly();
        }
    }

    @Test
    void webTakesNoOtherArguments() throws Exception {
        Process demo = demo(false, "--web", "--plain");
        assertThat(demo.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(demo.exitValue()).isEqualTo(2);
        assertThat(new String(demo.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .startsWith("demo: --web takes no other arguments");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (ConnectException refused) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** A process's stream, line by line, read on a thread of its own. */
    private static final class Lines {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        final List<String> seen = new ArrayList<>();

        Lines(InputStream in) {
            Thread t = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                } catch (IOException | java.io.UncheckedIOException ended) {
                    // the process is gone
                }
            }, "demo-output");
            t.setDaemon(true);
            t.start();
        }

        /** The first line matching {@code p}, within a minute (a JVM starting on a loaded machine). */
        String await(Pattern p, Lines other) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    seen.add(line);
                    if (p.matcher(line).find()) {
                        return line;
                    }
                }
            }
            List<String> rest = new ArrayList<>(other.seen);
            other.lines.drainTo(rest);
            throw new AssertionError("bin/demo never printed /" + p + "/; it printed " + seen + " and " + rest);
        }
    }

    private static boolean lineWritten(Path file) {
        try {
            return Files.readString(file).endsWith("\n");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}

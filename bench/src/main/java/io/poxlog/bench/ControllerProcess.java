package io.poxlog.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real controller ({@code io.poxlog.launcher.Controller}, as {@code bin/controller} runs it) in
 * a JVM of its own, from this JVM's class path, so that its CPU is not this process's: the browser
 * scenario measures a page against it. Waits until the viewer's URL and the TCP port are logged.
 * {@link #close()} stops it. One thread uses it.
 */
final class ControllerProcess implements AutoCloseable {
    private static final Pattern VIEWER = Pattern.compile("log viewer: (http://\\S+)");
    private static final Pattern TCP = Pattern.compile("messenger.tcp_transport:Listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final long START_SECONDS = 60;

    private final Process process;
    private final String url;
    private final int tcpPort;

    private ControllerProcess(Process process, String url, int tcpPort) {
        this.process = process;
        this.url = url;
        this.tcpPort = tcpPort;
    }

    /** Starts {@code bin/controller COMPONENTS...} with a TCP transport and the viewer on free loopback ports. */
    static ControllerProcess start(List<String> components) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms512m", "-Xmx512m", "-cp", System.getProperty("java.class.path"), "io.poxlog.launcher.Controller"));
        cmd.addAll(components);
        cmd.addAll(List.of("web.webcore", "--port=0", "messenger.ws_transport", "web.log_viewer",
                "messenger.tcp_transport", "--tcp_port=0",
                // the injector fills the retained log at once, past the 1,000 messages/s a client may send
                "--max_messages_per_second=1000000"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        CompletableFuture<String> url = new CompletableFuture<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder console = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (url.isDone() && port.isDone()) {
                        // started: the rest is only drained (a demo at 20,000 records/s prints as many lines)
                        char[] discard = new char[1 << 16];
                        while (r.read(discard) >= 0) {
                            // nothing
                        }
                        break;
                    }
                    synchronized (console) {
                        console.append(line).append('\n');
                    }
                    Matcher v = VIEWER.matcher(line);
                    if (v.find()) {
                        url.complete(v.group(1));
                    }
                    Matcher t = TCP.matcher(line);
                    if (t.find()) {
                        port.complete(Integer.parseInt(t.group(1)));
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
            url.completeExceptionally(new IllegalStateException("the controller ended"));
            port.completeExceptionally(new IllegalStateException("the controller ended"));
        }, "controller-console");
        reader.setDaemon(true);
        reader.start();
        try {
            return new ControllerProcess(p, url.get(START_SECONDS, TimeUnit.SECONDS), port.get(START_SECONDS, TimeUnit.SECONDS));
        } catch (Exception e) {
            p.destroyForcibly();
            synchronized (console) {
                throw new IllegalStateException("the controller did not start (" + e + "); its console:\n" + console, e);
            }
        }
    }

    String url() {
        return url;
    }

    int tcpPort() {
        return tcpPort;
    }

    /** The controller process's CPU time so far, in nanoseconds (0 where the OS does not say). */
    long cpuNanos() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos()).orElse(0L);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}

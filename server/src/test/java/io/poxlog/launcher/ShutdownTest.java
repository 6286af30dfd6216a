package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM on a real controller process: a subscriber gets every record logged before it, up to
 * the controller's "Going down...", and the process ends within a bounded time.
 */
class ShutdownTest {
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void sigtermDeliversEverythingLoggedBeforeItAndEndsTheProcessPromptly() throws Exception {
        Process p = new ProcessBuilder(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-cp", System.getProperty("java.class.path"),
                "-D" + Controller.CONFIG_PROPERTY + "=" + Controller.CONSOLE_CONFIG,
                Controller.class.getName(),
                "messenger", "messenger.tcp_transport", "--tcp_port=0", "messenger.log_service",
                "demo", "--rate=2000")
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    output.add(line);
                }
            } catch (Exception ignored) {
                // the process ended
            }
        }, "controller-output");
        pump.setDaemon(true);
        pump.start();
        try {
            int port = awaitPort(output);
            try (WireClient c = WireClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                c.welcome();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_shutdown\",\"json\":true}");
                List<JsonNode> records = new ArrayList<>();
                while (records.size() < 200) {
                    JsonNode m = c.next(x -> x.path("CHANNEL").asText().equals("log_shutdown"));
                    records.add(m);
                }
                long t0 = System.nanoTime();
                p.destroy(); // SIGTERM
                for (JsonNode m : c.untilClosed()) {
                    if (m.path("CHANNEL").asText().equals("log_shutdown")) {
                        records.add(m);
                    }
                }
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("the process ended").isTrue();
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(ms).as("shutdown took %d ms", ms).isLessThan(10_000);

                JsonNode last = records.get(records.size() - 1);
                assertThat(last.get("name").asText()).isEqualTo("core");
                assertThat(last.get("message").asText()).isEqualTo("Going down...");
                for (int i = 1; i < records.size(); i++) {
                    assertThat(records.get(i).get("seq").asLong()).as("record %d follows the one before", i)
                            .isEqualTo(records.get(i - 1).get("seq").asLong() + 1);
                }
            }
        } finally {
            p.destroyForcibly();
        }
    }

    private static int awaitPort(BlockingQueue<String> output) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = output.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the controller did not say where it listens; its output: " + seen);
    }
}

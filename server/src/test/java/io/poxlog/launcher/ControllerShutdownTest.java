package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.io.BufferedReader;
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
import org.junit.jupiter.api.Test;

/** bin/controller as a real process, stopped with SIGTERM while it logs and is watched. */
class ControllerShutdownTest {
    private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void onSigtermSubscribersGetEverythingLoggedBeforeItAndTheProcessEndsPromptly() throws Exception {
        Process controller = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Controller.class.getName(),
                "messenger.tcp_transport", "--tcp_port=0", "messenger.log_service", "demo", "--rate=500")
                .redirectErrorStream(true).start();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread pump = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(controller.getInputStream(), StandardCharsets.UTF_8))) {
                    r.lines().forEach(lines::add);
                } catch (java.io.IOException ended) {
                    // the process is gone
                }
            }, "controller-output");
            pump.setDaemon(true);
            pump.start();
            int port = awaitPort(lines);
            try (WireClient c = WireClient.connect(new InetSocketAddress("127.0.0.1", port))) {
                c.welcome();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_watch\",\"json\":true}");
                c.next(m -> m.has("seq"));
                controller.destroy(); // SIGTERM
                List<JsonNode> records = new ArrayList<>();
                JsonNode m;
                while ((m = c.nextOrClosed()) != null) {
                    records.add(m);
                }
                assertThat(records).as("nothing dropped on the way down: no gap notice").noneMatch(r -> r.has("gap"));
                for (int i = 1; i < records.size(); i++) {
                    assertThat(records.get(i).get("seq").asLong()).isEqualTo(records.get(i - 1).get("seq").asLong() + 1);
                }
                // Logged by the shutdown hook itself, after SIGTERM: the last thing delivered.
                assertThat(records).anyMatch(r -> r.path("message").asText().equals("Going down..."));
            }
            assertThat(controller.waitFor(15, TimeUnit.SECONDS)).as("the controller ended within 15 s").isTrue();
        } finally {
            controller.destroyForcibly();
        }
    }

    private static int awaitPort(BlockingQueue<String> lines) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                continue;
            }
            seen.add(line);
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        throw new AssertionError("the controller never said where it listens: " + seen);
    }
}

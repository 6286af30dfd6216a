package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** bin/controller as a real process, stopped with SIGTERM while it logs and is watched. */
class ControllerShutdownTest {
    @Test
    void onSigtermSubscribersGetEverythingLoggedBeforeItAndTheProcessEndsPromptly() throws Exception {
        try (ControllerProcess controller = ControllerProcess.start(
                "messenger.tcp_transport", "--tcp_port=0", "messenger.log_service", "demo", "--rate=500")) {
            InetSocketAddress address = controller.awaitListening();
            try (WireClient c = WireClient.connect(address)) {
                c.welcome();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_watch\",\"json\":true}");
                c.next(m -> m.has("seq"));
                controller.process.destroy(); // SIGTERM
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
            assertThat(controller.process.waitFor(15, TimeUnit.SECONDS)).as("the controller ended within 15 s").isTrue();
        }
    }
}

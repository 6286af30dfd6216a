package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.viewer.testing.ControllerFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, item 7: {@code --json} (and plain) with several {@code --connect} prints records in
 * time order, as the terminal UI shows them, within the reorder window.
 */
class TimeOrderTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Logs "1".."6" alternately on the two controllers, each in a millisecond of its own. */
    private static void interleave(ControllerFixture a, ControllerFixture b, String prefix) {
        for (int i = 1; i <= 6; i++) {
            long ms = System.currentTimeMillis();
            while (System.currentTimeMillis() == ms) {
                LockSupport.parkNanos(100_000); // records of their own millisecond: created orders them
            }
            (i % 2 == 1 ? a : b).logger("switch").info(prefix + i);
        }
    }

    @Test
    void jsonFromTwoControllersIsInTimeOrderBacklogsAndLive() throws Exception {
        try (ControllerFixture a = new ControllerFixture(); ControllerFixture b = new ControllerFixture()) {
            interleave(a, b, "backlog ");
            try (PoxLogProcess p = PoxLogProcess.start("--json", "--backlog", "3", "--connect", "127.0.0.1:" + a.port(),
                    "--connect", "127.0.0.1:" + b.port())) {
                List<JsonNode> got = new ArrayList<>();
                for (String l : p.lines(6)) {
                    got.add(MAPPER.readTree(l));
                }
                assertThat(got).extracting(r -> r.get("message").asText())
                        .containsExactly("backlog 1", "backlog 2", "backlog 3", "backlog 4", "backlog 5", "backlog 6");
                assertThat(got).extracting(r -> r.get("source").asText()).containsExactly("127.0.0.1:" + a.port(),
                        "127.0.0.1:" + b.port(), "127.0.0.1:" + a.port(), "127.0.0.1:" + b.port(), "127.0.0.1:" + a.port(),
                        "127.0.0.1:" + b.port());
                p.errLine("Connected to 127.0.0.1:" + a.port());
                p.errLine("Connected to 127.0.0.1:" + b.port());
                interleave(a, b, "live ");
                List<String> live = new ArrayList<>();
                for (String l : p.lines(6)) {
                    live.add(MAPPER.readTree(l).get("message").asText());
                }
                assertThat(live).containsExactly("live 1", "live 2", "live 3", "live 4", "live 5", "live 6");
            }
        }
    }

    @Test
    void plainFromTwoControllersIsInTimeOrderWithTheSourceFirst() throws Exception {
        try (ControllerFixture a = new ControllerFixture(); ControllerFixture b = new ControllerFixture()) {
            interleave(a, b, "r");
            try (PoxLogProcess p = PoxLogProcess.start("--plain", "--backlog", "3", "--connect", "127.0.0.1:" + a.port(),
                    "--connect", "127.0.0.1:" + b.port())) {
                String ap = "127.0.0.1:" + a.port() + "|INFO|switch|r";
                String bp = "127.0.0.1:" + b.port() + "|INFO|switch|r";
                assertThat(p.lines(6)).containsExactly(ap + 1, bp + 2, ap + 3, bp + 4, ap + 5, bp + 6);
            }
        }
    }
}

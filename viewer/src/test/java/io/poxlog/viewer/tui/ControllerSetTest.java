package io.poxlog.viewer.tui;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.model.RecordStore;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.ScriptedController;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The controllers the UI follows: level changes never wait on a controller. */
class ControllerSetTest {

    @Test
    void noticesOfAControllerThatFloodsAreHeldUpToTheirBoundAndTheRestCounted() {
        // Before: every error a controller sent waited in an unbounded queue for the UI, which
        // shows one a frame: a controller sending errors without end filled the viewer's heap.
        ControllerSet set = new ControllerSet(new RecordStore(10));
        for (int i = 0; i < 200_000; i++) {
            set.onServerError("c1:7790", "error " + i);
        }
        List<String> notices = drain(set);
        assertThat(notices).hasSizeLessThanOrEqualTo(ControllerSet.MAX_NOTICES + 1).startsWith("c1:7790: error 0");
        assertThat(notices.get(notices.size() - 1)).isEqualTo(String.format("%,d more notices were not shown: "
                + "they came faster than they can be read", 200_000 - ControllerSet.MAX_NOTICES));
        assertThat(set.nextNotice()).isNull();
    }

    private static List<String> drain(ControllerSet set) {
        List<String> notices = new ArrayList<>();
        String x;
        while ((x = set.nextNotice()) != null) {
            notices.add(x);
        }
        return notices;
    }

    @Test
    void levelChangesToAControllerThatStoppedReadingNeverBlockAndSayWhyTheyWereNotSent() throws Exception {
        try (ScriptedController sc = new ScriptedController()) {
            ControllerSet set = new ControllerSet(new RecordStore(100));
            LogSubscription s = new LogSubscription("127.0.0.1", sc.port(), TuiHarness.FAST_RETRY, set);
            set.attach(s);
            s.start();
            try {
                ScriptedController.Peer p = sc.accept();
                p.send(ScriptedController.welcome(false, null, ScriptedController.LOG_SERVICE));
                p.next(m -> "join_channel".equals(m.path("cmd").asText()));
                p.answerProbe(p.next(m -> m.has("test")));
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                p.stopReading();
                String logger = "x".repeat(10_000);
                // As :level and the logger tree's keys do, on the UI thread: before the fix the
                // socket write blocked it for good once the controller's buffers were full.
                CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> {
                    int n = 0;
                    for (int i = 0; i < 5_000; i++) {
                        n += set.setLevel(null, logger, "DEBUG");
                    }
                    return n;
                });
                int n = sent.get(10, TimeUnit.SECONDS);
                assertThat(n).isLessThan(5_000);
                List<String> notices = drain(set);
                int told = Math.min(5_000 - n, ControllerSet.MAX_NOTICES);
                assertThat(notices.subList(0, told)).allMatch(t -> t.equals("127.0.0.1:" + sc.port()
                        + ": level not sent: the controller is not reading: 1,000 messages wait to be sent already"));
                if (5_000 - n > told) {
                    assertThat(notices.subList(told, notices.size())).containsExactly(String.format(
                            "%,d more notices were not shown: they came faster than they can be read", 5_000 - n - told));
                }
                assertThat(s.notSent()).isEqualTo(5_000 - n);
            } finally {
                set.closeAll();
            }
        }
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The attack tests' second subscriber notices what it must: silence, and it is quiet otherwise. */
class CanaryTest {

    @Test
    void aCanaryOnAQuietControllerIsAlive() throws Exception {
        try (LogFixture fx = new LogFixture(); Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"))) {
            Await.until("ticks arrive", () -> canary.received() > 20);
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aCanaryWhoseServiceStallsSaysSo() throws Exception {
        try (LogFixture fx = new LogFixture(); Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"))) {
            Await.until("ticks arrive", () -> canary.received() > 5);
            // Hold the service thread for 600 ms, as an attack might.
            java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
            fx.service.control(() -> {
                held.countDown();
                long until = System.nanoTime() + 600_000_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            });
            held.await();
            assertThatThrownBy(() -> canary.assertAlive(Duration.ofMillis(300)))
                    .hasMessageContaining("without a record");
        }
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.WireClient;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * A subscription ended by a failure (PROTOCOL.md §5.3, "A failing subscription") tells each of
 * its members so, and sends them nothing after it: not one member fewer, not one record more.
 * The service thread is held ({@link ServiceHold}) so that joins and records reach it in a known
 * order around the failure.
 */
class SubscriptionEndTest {

    @Test
    void aMemberWhoseJoinArrivesAsTheSubscriptionEndsIsToldItEnded() throws Exception {
        // The service ends the subscription; until the nexus hears of it, joins still go to it.
        // Such a join was ignored: the member was made to leave with the others, and never told.
        ServiceHold hold = new ServiceHold();
        try (LogFixture fx = new LogFixture(LogServiceConfig.DEFAULTS, null, 0, hold)) {
            String ch = LogFixture.channel();
            try (WireClient first = fx.subscriber(ch, ""); WireClient late = fx.client()) {
                hold.engage();
                fx.service.offer(fx.poison("attack")); // ends the subscription as the service takes it
                late.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\"}");
                late.drain(); // its join waits in the service's queue, behind the poison
                hold.release();
                assertThat(first.next(m -> m.has("error")).get("error").asText()).contains("ended: ");
                JsonNode error = late.next(m -> m.has("error"));
                assertThat(error.get("CHANNEL").asText()).isEmpty();
                assertThat(error.get("request_channel").asText()).isEqualTo(ch);
                assertThat(error.get("error").asText()).startsWith("the log subscription of '" + ch + "' ended: ")
                        .contains("OutOfMemoryError").endsWith("; join again to subscribe anew");
            }
        }
    }

    @Test
    void aMemberStillReplayingIsSentNoRecordAfterTheErrorThatEndedItsSubscription() throws Exception {
        // A replay went on in the turn its subscription ended: records came after the error.
        ServiceHold hold = new ServiceHold();
        try (LogFixture fx = new LogFixture(LogServiceConfig.DEFAULTS, null, 0, hold)) {
            int old = 3000; // more than one turn's replay
            for (int i = 0; i < old; i++) {
                fx.logger("old").info("old {}", i);
            }
            Await.until("the old records are published", () -> fx.service.published() >= old);
            String ch = LogFixture.channel();
            try (WireClient live = fx.subscriber(ch, ""); WireClient replaying = fx.client()) {
                hold.engage();
                replaying.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"since\":0}");
                replaying.drain(); // its join waits in the service's queue
                fx.service.offer(fx.poison("attack")); // the live member's encoding fails on it
                // The nexus waits too: the members it makes leave must not leave within the turn.
                CountDownLatch nexusGoesOn = new CountDownLatch(1);
                fx.nexus.execute(() -> {
                    try {
                        nexusGoesOn.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                hold.release();
                JsonNode error = replaying.next(m -> m.has("error"));
                assertThat(error.get("error").asText()).startsWith("the log subscription of '" + ch + "' ended: ");
                hold.engage(); // the turn of the error is over: what it wrote is in Netty's hands, in order
                nexusGoesOn.countDown();
                hold.release();
                List<JsonNode> after = replaying.drain();
                assertThat(after).as("what came after the error").noneMatch(m -> ch.equals(m.path("CHANNEL").asText()));
                live.next(m -> m.has("error"));
            }
        }
    }
}

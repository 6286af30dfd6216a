package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.StalledClient;
import io.poxlog.testing.WireClient;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 1: one subscriber's settings must not make a record so large, or a batch so
 * large, that the service thread that serves everyone runs out of memory; and whatever one
 * subscription throws, the others go on. The attack made each record about 158 MB
 * ({@code "%9999Y"} x 170 as dateFormat, {@code "%(asctime)s"} x 93 as format); these tests keep
 * past the same limits at a size a failing run survives.
 */
class AmplificationAttackTest {
    private static final long MiB = 1024 * 1024;

    @Test
    void aJoinWhoseRecordsCouldPassTheRecordLimitIsRefusedNamingIt() throws Exception {
        try (LogFixture fx = new LogFixture();
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
             WireClient attacker = fx.client()) {
            String ch = LogFixture.channel();
            // Widths within the limit of 1000, yet each record would be 93 x 20 x 1000 characters.
            attacker.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"dateFormat\":\""
                    + "%1000Y".repeat(20) + "\",\"format\":\"" + "%(asctime)s".repeat(93) + "\"}");
            JsonNode error = attacker.next(m -> m.has("error") || m.has("message"));
            assertThat(error.path("error").asText())
                    .startsWith("join of '" + ch + "' refused: 'format' and 'dateFormat' could make one record ")
                    .contains("the limit of 1048576 bytes").contains("max_record_bytes");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aSubscriberThatStopsReadingIsHeldToItsLimitEvenWithinOneBatch() throws Exception {
        try (LogFixture fx = new LogFixture();
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
             StalledClient attacker = StalledClient.connect(fx.transport.boundAddress())) {
            // Each record 90 times its 10,000-character message: 900 KB, under the record limit.
            attacker.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + LogFixture.channel()
                    + "\",\"subsystems\":[\"attack\"],\"format\":\"" + "%(message)s".repeat(90) + "\"}");
            attacker.roundTrip();
            long start = fx.service.published();
            String message = "x".repeat(10_000);
            for (int i = 0; i < 200; i++) {
                fx.logger("attack").info(message); // faster than the service encodes: one batch
            }
            Await.until("the flood is published", () -> fx.service.published() >= start + 200);
            // What the server let wait for it: its 4 MiB high-water mark, one record more, and
            // what the kernel holds. Without counting the batch, it was the whole batch: 180 MB.
            JsonNode gap = attacker.next(m -> m.has("gap"), 16 * MiB);
            assertThat(gap.get("dropped").asLong()).isPositive();
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aRecordWhoseOwnMessagePassesTheLimitArrivesCutAndSaysSo() throws Exception {
        try (LogFixture fx = new LogFixture();
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"))) {
            String ch = LogFixture.channel();
            try (WireClient c = fx.subscriber(ch, "\"json\":true,\"subsystems\":[\"big\"],"
                    + "\"format\":\"%(levelname)s %(message)s\"", "big")) {
                fx.logger("big").warn("start " + "y".repeat(2_000_000) + " end");
                fx.logger("big").warn("small one after");
                JsonNode cut = c.next(m -> m.path("message").asText().startsWith("WARNING start"));
                String text = cut.get("message").asText();
                assertThat(text.length()).isLessThan(1024 * 1024);
                assertThat(text).doesNotContain(" end").contains("1048576").contains("max_record_bytes");
                assertThat(cut.get("truncated").asBoolean()).isTrue();
                assertThat(cut.get("levelname").asText()).isEqualTo("WARNING");
                assertThat(cut.get("name").asText()).isEqualTo("big");
                assertThat(fx.service.cutRecords()).isEqualTo(1);
                JsonNode next = c.next(m -> m.has("seq"));
                assertThat(next.get("message").asText()).isEqualTo("WARNING small one after");
                assertThat(next.get("seq").asLong()).isGreaterThan(cut.get("seq").asLong()); // the canary's ticks between
                assertThat(next.has("gap")).isFalse();
            }
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void anErrorWhileEncodingForOneSubscriptionEndsItWithAnErrorAndTheOthersGoOn() throws Exception {
        try (LogFixture fx = new LogFixture();
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"))) {
            String ch = LogFixture.channel();
            try (WireClient victim = fx.subscriber(ch, "")) {
                fx.service.offer(fx.poison("attack"));
                JsonNode error = victim.next(m -> m.has("error"));
                assertThat(error.get("CHANNEL").asText()).isEmpty();
                assertThat(error.get("request_channel").asText()).isEqualTo(ch);
                assertThat(error.get("error").asText()).startsWith("the log subscription of '" + ch + "' ended: ")
                        .contains("OutOfMemoryError").contains("simulated: Java heap space");
                // It may join again, and is streamed again.
                fx.logger("attack").info("after the failure");
                String again = LogFixture.channel();
                victim.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + again + "\"}");
                fx.settled(victim, again);
            }
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void anErrorInOneSubscriptionsFilterCostsNoOtherSubscriptionTheRecord() throws Exception {
        // The filters ran outside the guard of one subscription: the grep's Error left the
        // delivery loop, and the subscriptions after it lost the record without a gap notice.
        try (LogFixture fx = new LogFixture();
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
             WireClient victim = fx.subscriber(LogFixture.channel(), "\"grep\":\".\",\"subsystems\":[\"attack\"]", "attack");
             WireClient other = fx.client()) {
            String ch = LogFixture.channel();
            other.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"subsystems\":[\"attack\"],"
                    + "\"format\":\"%(levelname)s %(name)s\"}");
            other.drain(); // the join is in the service's queue
            fx.service.offer(fx.poison("attack")); // the grep reads its message; the other's format does not
            fx.logger("attack").warn("after");
            JsonNode error = victim.next(m -> m.has("error"));
            assertThat(error.get("error").asText()).contains("ended: ").contains("OutOfMemoryError");
            JsonNode first = other.next(m -> m.has("seq") || m.has("gap"));
            assertThat(first.path("message").asText()).as("the poison record, as the other's format makes it")
                    .isEqualTo("INFO attack");
            assertThat(other.next(m -> m.has("seq") || m.has("gap")).path("message").asText()).isEqualTo("WARNING attack");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }
}

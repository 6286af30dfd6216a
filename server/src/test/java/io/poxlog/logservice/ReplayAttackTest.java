package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.StalledClient;
import io.poxlog.testing.WireClient;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 2: backlog replays are paced by their subscriber's connection, count against
 * its output limit, and hold the service thread, which serves everyone, for a bounded slice at a
 * time. The attack: 64 joins with {@code backlog: 10000} on one connection that never
 * reads (the canary got nothing for a minute; 40 such connections held about 128 MB each).
 */
class ReplayAttackTest {
    private static final long MiB = 1024 * 1024;
    private static final int JOINS = 64;

    /** Direct memory Netty holds, buffers written and not yet sent included. */
    private static long directMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    /** Nexus thread: the attacker's channels that have a member. */
    private static long joined(LogFixture fx) {
        return fx.nexus.channelNames().stream().filter(n -> n.startsWith("log_replay_"))
                .filter(n -> !fx.nexus.channel(n).members().isEmpty()).count();
    }

    @Test
    void backlogReplaysToASubscriberThatNeverReadsWaitForItAndTheOthersGoOn() throws Exception {
        try (LogFixture fx = new LogFixture()) {
            String pad = "r".repeat(100);
            int retain = LogServiceConfig.DEFAULT_RETAIN;
            for (int i = 0; i < retain; i++) {
                fx.logger("old").info("old {} {}", i, pad);
            }
            Await.until("the ring is full", () -> fx.service.published() >= retain);
            try (Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.logger("canary"));
                 WireClient witness = fx.subscriber(LogFixture.channel(), "\"subsystems\":[\"witness\"]", "witness");
                 StalledClient attacker = StalledClient.connect(fx.transport.boundAddress())) {
                long directBefore = directMemory();
                Map<String, Long> next = new HashMap<>();
                for (int i = 0; i < JOINS; i++) {
                    String ch = "log_replay_" + i + "_" + UUID.randomUUID();
                    next.put(ch, -1L);
                    attacker.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\",\"backlog\":" + retain + "}");
                }
                // Nobody reads from here on. Once the nexus has them, every join is in the service's
                // queue; once the witness has a record logged after that, the service took them all.
                Await.until("the nexus has the 64 joins", () -> fx.nexus.call(() -> joined(fx)).join() == JOINS);
                fx.logger("witness").info("after the joins");
                witness.next(m -> m.path("message").asText().equals("after the joins"));

                // 64 x 10,000 records of about 190 bytes: 120 MB, were the replays not paced.
                long held = directMemory() - directBefore;
                canary.assertAlive(Canary.MAX_SILENCE);
                held = Math.max(held, directMemory() - directBefore);
                assertThat(held).as("direct memory held for the subscriber that does not read").isLessThan(32 * MiB);

                // Once it reads, each of its subscriptions gets its backlog and then the live stream, in
                // order, every seq either received or told lost, none twice.
                long before = fx.service.published();
                fx.logger("mark").info("after the replays");
                Await.until("the mark is published", () -> fx.service.published() > before);
                long mark = fx.service.published();
                attacker.readFreely();
                int done = 0;
                long records = 0;
                while (done < JOINS) {
                    JsonNode m = attacker.next();
                    Long expected = next.get(m.path("CHANNEL").asText());
                    if (expected == null || expected > mark) {
                        continue;
                    }
                    long first = m.has("gap") ? m.get("gap").get(0).asLong() : m.get("seq").asLong();
                    if (expected >= 0) {
                        assertThat(first).as("the next seq on " + m.path("CHANNEL").asText()).isEqualTo(expected);
                    }
                    long after = m.has("gap") ? m.get("gap").get(1).asLong() + 1 : first + 1;
                    next.put(m.path("CHANNEL").asText(), after);
                    records += m.has("gap") ? 0 : 1;
                    if (after > mark) {
                        done++; // the mark received, or told lost
                    }
                }
                assertThat(records).as("most of the 64 backlogs arrived").isGreaterThan(JOINS * (retain / 2L));
            }
        }
    }
}

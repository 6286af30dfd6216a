package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.testing.Await;
import io.poxlog.testing.WireClient;
import org.junit.jupiter.api.Test;

/**
 * The turns on the TCP subscribers' I/O thread, end to end: records arrive whole and in order
 * whether the turns run there or, while a member without that thread is subscribed, on the
 * service's own thread, and across the moves between the two.
 */
class HomeTurnsEndToEndTest {
    private static final int RECORDS = 3_000;

    @Test
    void aTcpSubscriberGetsEveryRecordInOrderFromTurnsOnItsIoThread() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient sub = fx.subscriber(LogFixture.channel(), "")) {
            long before = fx.service.turnsHandedOver();
            for (int i = 0; i < RECORDS; i++) {
                fx.logger("home").info("record {}", i);
            }
            expectInOrder(sub, 0, RECORDS);
            assertThat(fx.service.turnsHandedOver()).as("turns ran on the TCP I/O thread").isGreaterThan(before);
        }
    }

    /**
     * Two subscribers on two transports' threads (here: two TCP transports, each its own loop)
     * leave the service no single home: its own thread runs the turns while both are members, and
     * the I/O thread again once one leaves, with nothing lost or reordered at either move.
     */
    @Test
    void membersOnTwoLoopsKeepTheTurnsOnTheServiceThreadAndEveryRecordArrivesAcrossTheMoves() throws Exception {
        try (LogFixture fx = new LogFixture(); WireClient sub = fx.subscriber(LogFixture.channel(), "")) {
            TcpTransport second = new TcpTransport(fx.nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS).start();
            try {
                for (int i = 0; i < RECORDS; i++) {
                    fx.logger("home").info("record {}", i);
                }
                expectInOrder(sub, 0, RECORDS);

                WireClient other = WireClient.connect(second.boundAddress());
                other.welcome();
                String ch = LogFixture.channel();
                other.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + ch + "\"}");
                fx.settled(other, ch);
                long handedOver = fx.service.turnsHandedOver();
                for (int i = RECORDS; i < 2 * RECORDS; i++) {
                    fx.logger("home").info("record {}", i);
                }
                expectInOrder(sub, RECORDS, 2 * RECORDS);
                expectInOrder(other, RECORDS, 2 * RECORDS);
                assertThat(fx.service.turnsHandedOver()).as("no turn handed over while the members had two loops").isEqualTo(handedOver);

                other.close();
                int[] next = {2 * RECORDS};
                Await.until("turns handed over again once the members are on one loop", () -> {
                    fx.logger("home").info("record {}", next[0]);
                    try {
                        expectInOrder(sub, next[0], next[0] + 1);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    next[0]++;
                    return fx.service.turnsHandedOver() > handedOver;
                });
            } finally {
                second.stop();
            }
        }
    }

    private static void expectInOrder(WireClient c, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            JsonNode m = c.next(n -> n.path("message").asText().startsWith("record "));
            assertThat(m.get("message").asText()).isEqualTo("record " + i);
        }
    }
}

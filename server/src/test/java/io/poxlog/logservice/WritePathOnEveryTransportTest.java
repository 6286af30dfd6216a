package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.transports.MessengerWire;
import io.poxlog.testing.transports.OnEveryTransport;
import io.poxlog.testing.transports.Transport;
import io.poxlog.testing.transports.TransportServer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The log service's batched write path on every transport (issue 13): records encoded once per
 * distinct encoding, and a subscriber that stops reading dropped for itself alone and told by a
 * gap notice that counts exactly what it lost, while a second subscriber on the same transport
 * that reads gets every record.
 */
class WritePathOnEveryTransportTest {
    /** A small mark, so that a stalled subscriber passes it soon; the one that reads never must. */
    private static final int LOW = 32 * 1024;
    private static final int HIGH = 64 * 1024;
    /**
     * Records of 10 KB, logged {@link #STEP} at a time and read before the next step: 20 KB, under
     * half the mark. Netty counts a batch as waiting until its event loop has seen it written, a
     * moment after the peer may have read it; so the next batch can find the last one still
     * counted, and two must fit under the mark. With 4 at a time (41 KB of 64 KiB) the subscriber
     * that reads lost a record every 150 to 400 records on TCP and WebSocket alike, with Netty
     * counting exactly the previous batch (41,616 bytes; WsConnection's own count was 0).
     */
    private static final int STEP = 2;
    private static final int RECORDS = 1200;

    @OnEveryTransport
    void aSubscriberThatStopsReadingLosesRecordsForItselfAloneAndIsToldExactlyHowMany(Transport t) throws Exception {
        try (TransportServer server = new TransportServer(TransportServer.DEFAULTS.withWaterMarks(LOW, HIGH));
             MessengerWire reader = server.subscriber(t, TransportServer.channel(), "\"json\":true,\"subsystems\":[\"flood\",\"test.settle\"]");
             MessengerWire stalled = t.connectStalled(server)) {
            stalled.welcome();
            String ch = TransportServer.channel();
            stalled.send(TransportServer.join(ch, "\"json\":true,\"subsystems\":[\"flood\"]"));
            Await.until("the nexus has the stalled subscriber's join", () -> server.nexus.call(
                    () -> server.nexus.channel(ch) != null && !server.nexus.channel(ch).members().isEmpty()).join());
            // The join went to the log service before the nexus answered: the records below come after it.
            String message = "z".repeat(10_000);
            TreeSet<Long> logged = new TreeSet<>();
            for (int i = 0; i < RECORDS; i++) {
                server.logger("flood").info(i + " " + message);
                if (i % STEP == STEP - 1 || i == RECORDS - 1) {
                    while (logged.size() <= i) {
                        JsonNode m = reader.next(n -> n.has("gap") || "flood".equals(n.path("name").asText()));
                        assertThat(m.has("gap")).as("a gap notice for the subscriber that reads, after "
                                + logged.size() + " records: " + m).isFalse();
                        assertThat(m.get("message").asText()).startsWith(logged.size() + " ");
                        logged.add(m.get("seq").asLong());
                    }
                }
            }
            assertThat(server.service.droppedForSlowSubscribers()).as("the stalled subscriber lost records").isPositive();

            stalled.resumeReading();
            TreeSet<Long> received = new TreeSet<>();
            List<JsonNode> notices = new ArrayList<>();
            long last = logged.last();
            while (!received.contains(last) && notices.stream().noneMatch(n -> n.get("gap").get(1).asLong() >= last)) {
                JsonNode m = stalled.next(n -> ch.equals(n.path("CHANNEL").asText()));
                if (m.has("gap")) {
                    notices.add(m);
                } else {
                    received.add(m.get("seq").asLong());
                }
            }
            long told = 0;
            TreeSet<Long> lost = new TreeSet<>(logged);
            lost.removeAll(received);
            for (JsonNode n : notices) {
                told += n.get("dropped").asLong();
                assertThat(n.get("log_id").asText()).isEqualTo(server.service.logId());
                assertThat(received.subSet(n.get("gap").get(0).asLong(), true, n.get("gap").get(1).asLong(), true))
                        .as("a record received inside a gap told lost: " + n).isEmpty();
                lost.subSet(n.get("gap").get(0).asLong(), true, n.get("gap").get(1).asLong(), true).clear();
            }
            assertThat(lost).as("records neither received nor told lost").isEmpty();
            assertThat(received).as("it received only records that were logged").isSubsetOf(logged);
            assertThat(told).as("the notices count exactly what it did not receive")
                    .isEqualTo(logged.size() - received.size())
                    .isEqualTo(server.service.droppedForSlowSubscribers());
            assertThat(stalled.isClosed()).isFalse();
            server.logger("flood").info("after");
            assertThat(stalled.next(n -> "after".equals(n.path("message").asText())).get("seq").asLong()).isGreaterThan(last);
        }
    }

    @OnEveryTransport
    void recordsEncodeOncePerDistinctEncodingHoweverManySubscribersShareIt(Transport t) throws Exception {
        try (TransportServer server = new TransportServer()) {
            List<MessengerWire> subs = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    subs.add(server.subscriber(t, TransportServer.channel(), "\"json\":true"));
                }
                subs.add(server.subscriber(t, TransportServer.channel(), "\"format\":\"%(name)s %(message)s\""));
                long before = server.service.recordsEncoded().get(10, TimeUnit.SECONDS);
                for (int i = 0; i < 10; i++) {
                    server.logger("fan").info("fan-{}", i);
                }
                for (MessengerWire c : subs) {
                    c.next(m -> m.path("message").asText().endsWith("fan-9"));
                }
                assertThat(server.service.recordsEncoded().get(10, TimeUnit.SECONDS) - before).as("10 records x 2 distinct encodings").isEqualTo(20);
            } finally {
                subs.forEach(MessengerWire::close);
            }
        }
    }
}

package io.poxlog.viewer.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.testing.ControllerFixture;
import io.poxlog.viewer.testing.HostileWsController;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket controller that attacks the viewer (issue 13, bounded as TCP is): a message past
 * the viewer's limit in one frame or in a thousand fragments is dropped as it comes, said, and
 * the connection goes on; a flood waits in the network once the viewer's queue is full instead of
 * filling its heap.
 */
class WebSocketHostileControllerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;
    private static final SubscriptionOptions OPTIONS = SubscriptionOptions.defaults()
            .withRetry(Duration.ofMillis(50), Duration.ofMillis(200))
            .withClient(SubscriptionOptions.defaults().client().withMaxMessageBytes(LIMIT));

    @Test
    void aMessagePastTheLimitInOneFrameOrInFragmentsIsDroppedSaidAndTheConnectionGoesOn() throws Exception {
        try (HostileWsController hostile = new HostileWsController()) {
            LogSubscriptionTest.Collector c = new LogSubscriptionTest.Collector();
            try (LogSubscription s = new LogSubscription(Endpoint.parse(hostile.url()), OPTIONS, c).start()) {
                hostile.awaitSubscriber();
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                // 64 times the limit in one frame, then 8 MiB in fragments of 1 KiB.
                byte[] big = ("{\"CHANNEL\":\"" + hostile.channel() + "\",\"message\":\"" + "z".repeat(64 * LIMIT) + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
                hostile.text(big);
                hostile.send(MAPPER.createObjectNode().put("levelname", "INFO").put("name", "a").put("message", "after the big frame"));
                ControllerFixture.await("the next record arrives", () -> c.has("after the big frame"));
                hostile.fragmented(8L << 20, 1024);
                hostile.send(MAPPER.createObjectNode().put("levelname", "INFO").put("name", "a").put("message", "after the fragments"));
                ControllerFixture.await("the next record arrives", () -> c.has("after the fragments"));
                String source = hostile.url().replace("/_webmsg/ws", "");
                assertThat(c.errors).containsExactly(
                        String.format("dropped a message of %,d bytes from %s: larger than 65,536 bytes, the most a message may be",
                                big.length, source),
                        String.format("dropped a message of %,d bytes from %s: larger than 65,536 bytes, the most a message may be",
                                8L << 20, source));
                assertThat(c.messages()).containsExactly("after the big frame", "after the fragments");
                assertThat(s.status().state()).isEqualTo(ConnectionState.CONNECTED);
            }
        }
    }

    @Test
    void aFloodWaitsInTheNetworkWhileTheViewerIsBusyAndNothingOfItIsLost() throws Exception {
        // About 60 MB of records: far past what the viewer's queue, the JDK and the sockets hold
        // (about 4 MB measured), yet read again well within the wait on a loaded machine, which a
        // million (300 MB) was not.
        long count = 200_000;
        try (HostileWsController hostile = new HostileWsController()) {
            CountDownLatch busy = new CountDownLatch(1);
            AtomicLong received = new AtomicLong();
            AtomicLong outOfOrder = new AtomicLong();
            List<String> errors = new CopyOnWriteArrayList<>();
            LogListener slow = new LogListener() {
                @Override
                public void onRecord(LogEntry e) {
                    try {
                        busy.await(); // a viewer busy elsewhere: it takes nothing meanwhile
                    } catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    if (e.seq() != received.incrementAndGet()) {
                        outOfOrder.incrementAndGet();
                    }
                }

                @Override
                public void onServerError(String source, String error) {
                    errors.add(error);
                }

                @Override
                public void onStatus(SourceStatus status) {
                }
            };
            try (LogSubscription s = new LogSubscription(Endpoint.parse(hostile.url()), OPTIONS, slow).start()) {
                hostile.awaitSubscriber();
                ControllerFixture.await("connected", () -> s.status().state() == ConnectionState.CONNECTED);
                AtomicReference<Throwable> failed = new AtomicReference<>();
                Thread flood = new Thread(() -> {
                    try {
                        hostile.flood(count);
                    } catch (Throwable t) {
                        failed.set(t);
                    }
                }, "flood");
                flood.setDaemon(true);
                flood.start();
                // The flood stalls: what the viewer's queue, the JDK and the sockets' buffers hold.
                long stalled = awaitStall(hostile);
                assertThat(stalled).as("bytes the flood got written while the viewer took nothing")
                        .isLessThan(32L << 20);
                assertThat(flood.isAlive()).as("the flood waits in its write").isTrue();
                busy.countDown();
                ControllerFixture.await("every record arrives once the viewer reads again", () -> received.get() == count);
                flood.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(failed.get()).isNull();
                assertThat(outOfOrder.get()).isZero();
                assertThat(errors).isEmpty();
            }
        }
    }

    /** Waits (up to 60 s) until the hostile controller's written bytes stop growing for a second; returns them. */
    private static long awaitStall(HostileWsController hostile) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = hostile.written();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            } else if (now > 0 && System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1)) {
                return now;
            }
            LockSupport.parkNanos(20_000_000L); // polling the counter, with the deadline above
        }
        throw new AssertionError("the flood never stalled: " + hostile.written() + " bytes written");
    }
}

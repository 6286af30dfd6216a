package io.poxlog.messenger.transport.tcp;

import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.messenger.transport.netty.ConnectionHandler;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.LoggedServer;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Each limit of a transport, hit on a real server: a clear error, and nobody else harmed. */
class ConnectionLimitsEndToEndTest {

    private static TestServer server(ConnectionLimits limits) throws Exception {
        return new TestServer(TcpSettings.DEFAULTS.withLimits(limits), Duration.ofSeconds(10));
    }

    @Test
    void aConnectionOverTheLimitIsToldAndClosedAndTheSlotComesBack() throws Exception {
        try (TestServer s = server(ConnectionLimits.DEFAULTS.withMaxConnections(2));
             WireClient a = s.client(); WireClient b = s.client()) {
            a.welcome();
            b.welcome();
            try (WireClient over = s.client()) {
                assertThat(over.next().toString()).isEqualTo("{\"CHANNEL\":\"\",\"cmd\":\"error\","
                        + "\"error\":\"this server already has 2 connections, its limit; try again later\"}");
                over.awaitClosed();
            }
            a.send("{\"test\":\"a\"}");
            assertThat(a.next().get("test").asText()).isEqualTo("A");
            b.close();
            Await.until("the closed connection frees its slot", () -> s.transport.openConnections() == 1);
            try (WireClient again = s.client()) {
                assertThat(again.welcome().get("cmd").asText()).isEqualTo("welcome");
            }
        }
    }

    @Test
    void messagesOverTheRateAreDroppedWithOneError() throws Exception {
        try (TestServer s = server(ConnectionLimits.DEFAULTS.withMessageRate(1, 3)); WireClient c = s.client()) {
            c.welcome();
            c.sendRaw("{\"test\":\"1\"}{\"test\":\"2\"}{\"test\":\"3\"}{\"test\":\"4\"}");
            assertThat(c.next().get("test").asText()).isEqualTo("1");
            assertThat(c.next().get("test").asText()).isEqualTo("2");
            assertThat(c.next().get("test").asText()).isEqualTo("3");
            JsonNode err = c.next();
            assertThat(err.get("error").asText()).isEqualTo("more than 1 messages per second, this connection's "
                    + "limit: messages over it are dropped");
            assertThat(c.isClosed()).isFalse();
        }
    }

    @Test
    void aFloodIsClosedAndAnotherClientGoesOn() throws Exception {
        try (TestServer s = server(ConnectionLimits.DEFAULTS.withMessageRate(1, 2));
             WireClient flood = s.client(); WireClient good = s.client()) {
            flood.welcome();
            good.welcome();
            // Far more than the server reads before it gives up: the error must still arrive.
            try {
                flood.sendRaw("{\"test\":\"x\"}".repeat(50_000));
            } catch (java.io.IOException closedWhileSending) {
                // the server may stop listening before all of it is written
            }
            JsonNode closing = flood.next(m -> m.path("error").asText().contains("closing"));
            assertThat(closing.get("error").asText())
                    .isEqualTo("still sending far over the limit of 1 messages per second; closing the connection");
            flood.awaitClosed();
            good.send("{\"test\":\"fine\"}");
            assertThat(good.next().get("test").asText()).isEqualTo("FINE");
        }
    }

    @Test
    void aStreamOfObjectsJustUnderTheFrameLimitIsReadWholeWhileAnotherClientIsServed() throws Exception {
        int limit = TcpSettings.DEFAULT_MAX_FRAME_BYTES;
        String head = "{\"test\":\"";
        String justUnder = head + "x".repeat(limit - head.length() - 2 - 1) + "\"}";
        int count = 12;
        try (TestServer s = new TestServer(); WireClient sender = s.client(); WireClient other = s.client()) {
            sender.welcome();
            other.welcome();
            byte[] one = justUnder.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < count; i++) {
                        sender.sendRaw(one);
                    }
                } catch (java.io.IOException closed) {
                    // the assertion below says what went wrong
                }
            }, "just-under-writer");
            writer.start();
            int answered = 0;
            while (answered < count) {
                JsonNode m = sender.next();
                assertThat(m.path("error").asText()).as("answer %d of %d, to objects of %d bytes, under the limit of %d", answered + 1, count, one.length, limit)
                        .isEmpty();
                answered++;
                assertThat(other.drain()).isEmpty(); // the other client is answered throughout
            }
            writer.join(10_000);
            assertThat(sender.drain()).isEmpty();
        }
    }

    @Test
    void whileTheNexusIsBehindAConnectionsMessagesWaitInItsSocketNotInTheNexus() throws Exception {
        int messages = 20_000;
        String one = "{\"CHANNEL\":\"tally\",\"pad\":\"" + "p".repeat(1000) + "\"}";
        // The rate limit out of the way: a connection within its rate can still outpace the nexus
        // when each of its messages costs more than a millisecond there.
        try (TestServer s = server(ConnectionLimits.DEFAULTS.withMessageRate(1_000_000, 1_000_000));
             WireClient attacker = s.client(); WireClient other = s.client()) {
            attacker.welcome();
            other.welcome();
            java.util.concurrent.atomic.AtomicInteger tallied = new java.util.concurrent.atomic.AtomicInteger();
            s.nexus.call(() -> new io.poxlog.messenger.core.ChannelBot(s.nexus.getOrCreate("tally", false)) {
                @Override
                protected void unhandled(io.poxlog.messenger.core.MessageEvent e) {
                    tallied.incrementAndGet();
                }
            }).get(5, java.util.concurrent.TimeUnit.SECONDS);
            java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(1);
            s.nexus.execute(() -> {
                try {
                    busy.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread writer = new Thread(() -> {
                try {
                    byte[] bytes = one.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    for (int i = 0; i < messages; i++) {
                        attacker.sendRaw(bytes);
                    }
                } catch (java.io.IOException e) {
                    // the assertions below say what went wrong
                }
            }, "nexus-outpacing-writer");
            int bound = ConnectionHandler.MAX_MESSAGES_WAITING + 64; // and what one read of 64 KiB holds
            int most = 0;
            try {
                writer.start();
                Await.until("the server reads the first messages", () -> s.nexus.pendingTasks() >= bound / 2);
                // 20 MB is far more than the sockets' buffers hold: once the server stops reading,
                // the writer stops too, and nothing more can reach the nexus however long we look.
                long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
                while (System.nanoTime() < until && most <= bound) {
                    most = Math.max(most, s.nexus.pendingTasks());
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
            } finally {
                busy.countDown();
            }
            assertThat(most).as("messages waiting for the nexus, of %d sent", messages).isLessThanOrEqualTo(bound);
            writer.join(30_000);
            assertThat(writer.isAlive()).as("the writer, once the nexus caught up").isFalse();
            Await.until("every message is handled once the nexus catches up", () -> tallied.get() == messages);
            other.send("{\"test\":\"after\"}");
            assertThat(other.next().get("test").asText()).isEqualTo("AFTER");
        }
    }

    @Test
    void anIdleConnectionInNoChannelIsToldAndClosedWhileAQuietSubscriberAndAPeerMessengerStay() throws Exception {
        // Each of the two that stay says its first word as soon as it is connected, so that even on a
        // loaded machine it does before the idle timeout runs out. A POX messenger that dialled us
        // welcomes us too, then may say nothing for long.
        try (TestServer s = server(ConnectionLimits.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1)));
             WireClient subscriber = s.client().send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
             WireClient peer = s.client().send("{\"CHANNEL\":\"\",\"cmd\":\"welcome\",\"session_id\":\"pox-peer-1\"}")) {
            subscriber.welcome();
            assertThat(subscriber.drain()).isEmpty();
            peer.welcome();
            assertThat(peer.drain()).isEmpty();
            for (int i = 0; i < 2; i++) { // two idle timeouts in a row pass while the subscriber is quiet
                try (WireClient idle = s.client()) {
                    idle.welcome();
                    assertThat(idle.next().get("error").asText()).isEqualTo("nothing sent for 1 s and no channel "
                            + "joined, the idle limit; closing the connection");
                    idle.awaitClosed();
                }
            }
            assertThat(subscriber.isClosed()).isFalse();
            assertThat(subscriber.drain()).isEmpty();
            assertThat(peer.isClosed()).isFalse();
            assertThat(peer.drain()).isEmpty();
        }
    }

    @Test
    void idleConnectionsHoldingEverySlotFreeThemselvesAndASubscriberIsServedThroughout() throws Exception {
        int max = 20;
        // Long enough that every slot is taken, and a newcomer refused, before the first idle one
        // times out, however slowly a loaded machine makes the connections.
        try (LoggedServer s = new LoggedServer(TcpSettings.DEFAULTS.withLimits(ConnectionLimits.DEFAULTS
                .withMaxConnections(max).withIdleTimeout(Duration.ofSeconds(4))), null);
             Canary canary = s.canary(null)) {
            java.util.List<WireClient> idle = new java.util.ArrayList<>();
            try {
                while (idle.size() < max - 1) { // every slot the canary does not hold
                    WireClient c = WireClient.connect(s.address());
                    idle.add(c);
                    c.welcome();
                }
                try (WireClient refused = WireClient.connect(s.address())) {
                    assertThat(refused.next().get("error").asText()).contains("connections, its limit");
                }
                Await.until("a newcomer is welcomed once idle connections time out", Duration.ofSeconds(30), () -> {
                    try (WireClient newcomer = WireClient.connect(s.address())) {
                        return "welcome".equals(newcomer.next().path("cmd").asText());
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                });
            } finally {
                for (WireClient c : idle) {
                    c.close();
                }
            }
            canary.assertAlive(Duration.ofSeconds(3));
        }
    }

    @Test
    void oneAddressCannotTakeEveryConnectionAndAnotherAddressIsWelcomed() throws Exception {
        try (TestServer s = server(ConnectionLimits.DEFAULTS.withMaxConnectionsPerAddress(2));
             WireClient a = s.client(); WireClient b = s.client()) {
            a.welcome();
            b.welcome();
            try (WireClient over = s.client()) {
                assertThat(over.next().get("error").asText()).isEqualTo("this server already has 2 connections from "
                        + "127.0.0.1, its limit per address; try again later");
                over.awaitClosed();
            }
            java.net.Socket fromElsewhere = new java.net.Socket();
            fromElsewhere.bind(new java.net.InetSocketAddress("127.0.0.2", 0));
            fromElsewhere.connect(s.address(), 5000);
            try (WireClient other = new WireClient(fromElsewhere)) {
                other.welcome();
                assertThat(other.drain()).isEmpty();
            }
            assertThat(a.drain()).isEmpty();
        }
    }
}

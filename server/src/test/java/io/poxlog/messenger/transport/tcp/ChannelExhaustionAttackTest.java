package io.poxlog.messenger.transport.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.logservice.LogService;
import io.poxlog.logservice.LogServiceConfig;
import io.poxlog.logservice.LogServiceAppender;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.example.ExampleServices;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.WireClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Issue 10, item 4: clients inviting {@code GreetBot} into ever new channels must not fill the
 * messenger's channel limit for good. Scaled down: the messenger holds 1,000 channels here (not
 * 100,000), and four attackers ask for 1,200 between them. Throughout, a log subscriber (the
 * {@link Canary}) and a plain client's {@code test} round trips must be served, and a newcomer
 * must be able to subscribe both during the attack and after the attackers leave.
 */
class ChannelExhaustionAttackTest {
    private static final int MAX_CHANNELS = 1_000;
    private static final int ATTACKERS = 4;
    private static final int INVITES_EACH = 300;

    @Test
    void invitingBotsIntoFreshChannelsCannotFillTheMessengerAndTheChannelsGoWithTheirInviter() throws Exception {
        try (Fixture fx = new Fixture(MAX_CHANNELS);
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.context.getLogger("canary"));
             Bystander bystander = new Bystander(fx.client())) {
            int before = fx.channelCount();
            List<WireClient> attackers = new ArrayList<>();
            int made = 0;
            List<String> refusals = new ArrayList<>();
            try {
                for (int i = 0; i < ATTACKERS; i++) {
                    attackers.add(fx.client());
                }
                String invite = "{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\"}";
                for (WireClient a : attackers) {
                    a.sendRaw(invite.repeat(INVITES_EACH));
                }
                for (WireClient a : attackers) {
                    for (JsonNode reply : a.drain()) {
                        if (reply.has("new_channel")) {
                            made++;
                        } else {
                            refusals.add(reply.path("error").asText());
                        }
                    }
                }
                int during = fx.channelCount();
                assertThat(made + refusals.size()).as("every invitation is answered").isEqualTo(ATTACKERS * INVITES_EACH);
                assertThat(during).as("channels while the " + ATTACKERS + " attackers are connected (" + made
                        + " invitations granted, first refusal: " + (refusals.isEmpty() ? "none" : refusals.get(0)) + ")")
                        .isLessThan(MAX_CHANNELS);
                assertThat(refusals).allSatisfy(text -> assertThat(text)
                        .matches("cannot invite 'GreetBot' into 'GreetBot_\\d+': this connection is already in 0 channels "
                                + "and holds " + Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION + " more that it invited bots into "
                                + "and nobody has joined yet, " + Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION
                                + " in all, the limit per connection"));
                fx.assertANewcomerCanSubscribe();
            } finally {
                for (WireClient a : attackers) {
                    a.close();
                }
            }
            Await.until("the attackers' channels go with them (" + before + " before the attack)",
                    () -> fx.channelCount() == before);
            fx.assertANewcomerCanSubscribe();
            bystander.assertServed(Duration.ofSeconds(3));
            canary.assertAlive(Duration.ofSeconds(3));
        }
    }

    @Test
    void anAttackerThatStaysConnectedLosesTheChannelsNobodyJoinedAfterTheInviteTimeout() throws Exception {
        try (Fixture fx = new Fixture(MAX_CHANNELS);
             Canary canary = Canary.start(fx.transport.boundAddress(), null, fx.context.getLogger("canary"));
             Bystander bystander = new Bystander(fx.client());
             WireClient attacker = fx.client()) {
            fx.nexus.setInviteTimeout(Duration.ofSeconds(1));
            int before = fx.channelCount();
            String invite = "{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\"}";
            int limit = Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION;
            for (int round = 0; round < 2; round++) {
                attacker.sendRaw(invite.repeat(limit + 10));
                List<JsonNode> replies = attacker.drain();
                assertThat(replies).filteredOn(r -> r.has("new_channel")).as("invitations granted in round " + round)
                        .hasSize(limit);
                assertThat(fx.channelCount()).isEqualTo(before + limit);
                Await.until("the unjoined channels of round " + round + " expire", () -> fx.channelCount() == before);
            }
            fx.assertANewcomerCanSubscribe();
            bystander.assertServed(Duration.ofSeconds(3));
            canary.assertAlive(Duration.ofSeconds(3));
        }
    }

    /**
     * A plain client that keeps making {@code test} round trips on its own thread, one every few
     * milliseconds (well within the transport's message rate), and remembers the longest one and
     * any failure.
     */
    private static final class Bystander implements AutoCloseable {
        private static final long PAUSE_MILLIS = 5;

        private final WireClient client;
        private final Thread thread;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private volatile boolean running = true;
        private volatile long longestNanos;
        private volatile int roundTrips;
        private volatile Throwable failure;

        Bystander(WireClient client) {
            this.client = client;
            thread = new Thread(this::run, "bystander");
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            try {
                while (running) {
                    long start = System.nanoTime();
                    client.drain();
                    longestNanos = Math.max(longestNanos, System.nanoTime() - start);
                    roundTrips++;
                    if (stopped.await(PAUSE_MILLIS, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            } catch (Throwable t) {
                if (running) {
                    failure = t;
                }
            }
        }

        void assertServed(Duration longest) throws InterruptedException {
            int now = roundTrips;
            Await.until("the bystander makes another round trip", () -> roundTrips > now || failure != null);
            running = false;
            stopped.countDown();
            thread.join(TimeUnit.SECONDS.toMillis(15));
            assertThat(failure).as("the bystander's round trips").isNull();
            assertThat(Duration.ofNanos(longestNanos)).as("the bystander's longest round trip of " + roundTrips)
                    .isLessThan(longest);
        }

        @Override
        public void close() throws IOException {
            running = false;
            stopped.countDown();
            client.close();
        }
    }

    /** A controller: a logback context, the messenger with its examples, the log service and TCP. */
    private static final class Fixture implements AutoCloseable {
        final LoggerContext context = new LoggerContext();
        final Nexus nexus = new Nexus();
        final LogService service;
        final LogServiceAppender appender;
        final ExampleServices examples;
        final TcpTransport transport;

        Fixture(int maxChannels) throws Exception {
            nexus.setMaxChannels(maxChannels);
            context.setName("attack-" + UUID.randomUUID());
            context.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            service = new LogService(nexus, context, LogServiceConfig.DEFAULTS).start();
            appender = new LogServiceAppender(service);
            appender.setContext(context);
            appender.start();
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
            examples = new ExampleServices(nexus).start();
            transport = new TcpTransport(nexus, "127.0.0.1", 0, TcpSettings.DEFAULTS).start();
        }

        WireClient client() throws IOException, InterruptedException {
            WireClient c = WireClient.connect(transport.boundAddress());
            c.welcome();
            return c;
        }

        int channelCount() {
            return nexus.call(() -> nexus.channelNames().size()).join();
        }

        /** A new subscriber joins a log channel of its own and receives a record logged after. */
        void assertANewcomerCanSubscribe() throws Exception {
            try (WireClient c = client()) {
                String channel = "log_" + UUID.randomUUID();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\",\"json\":true}");
                // Only what comes on the default channel can be a refusal: the canary's records,
                // logged all the time, may reach the new subscriber before the round trip's answer.
                List<JsonNode> refused = c.drain().stream().filter(m -> m.path("CHANNEL").asText().isEmpty()).toList();
                assertThat(refused).as("a newcomer's join (" + channelCount() + " channels)").isEmpty();
                String marker = "newcomer-" + UUID.randomUUID();
                context.getLogger("newcomer").warn(marker);
                JsonNode record = c.next(m -> m.path("message").asText().equals(marker));
                assertThat(record.get("CHANNEL").asText()).isEqualTo(channel);
            }
        }

        @Override
        public void close() throws Exception {
            transport.stop();
            examples.stop();
            service.stop(5, TimeUnit.SECONDS);
            nexus.stop(5, TimeUnit.SECONDS);
            context.stop();
        }
    }
}

package io.poxlog.messenger.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing and every default-channel command (PROTOCOL.md §2-§4), driven through the nexus as a
 * transport drives it. Each step waits for the nexus thread to finish before asserting.
 */
class NexusRoutingTest {
    private Nexus nexus;
    private RecordingConnection alice;
    private RecordingConnection bob;

    @BeforeEach
    void setUp() throws Exception {
        nexus = new Nexus();
        alice = new RecordingConnection("alice");
        bob = new RecordingConnection("bob");
        nexus.connected(alice);
        nexus.connected(bob);
        settle();
    }

    @AfterEach
    void tearDown() throws Exception {
        nexus.stop(5, TimeUnit.SECONDS);
    }

    /** Waits until everything handed to the nexus so far has run. */
    private void settle() throws Exception {
        nexus.call(() -> null).get(5, TimeUnit.SECONDS);
    }

    private List<JsonNode> send(RecordingConnection con, String json) throws Exception {
        con.take();
        nexus.received(con, (ObjectNode) Json.MAPPER.readTree(json));
        settle();
        return con.take();
    }

    private <T> T onNexus(java.util.concurrent.Callable<T> c) throws Exception {
        return nexus.call(c).get(5, TimeUnit.SECONDS);
    }

    @Test
    void everyConnectionIsWelcomedFirstWithItsOwnUnguessableSessionId() {
        JsonNode a = alice.sent.get(0);
        JsonNode b = bob.sent.get(0);
        assertThat(a.get("CHANNEL").asText()).isEmpty();
        assertThat(a.get("cmd").asText()).isEqualTo("welcome");
        assertThat(a.get("session_id").asText()).isEqualTo(alice.sessionId()).hasSizeGreaterThanOrEqualTo(20).matches("[\\x21-\\x7e]+");
        assertThat(b.get("session_id").asText()).isNotEqualTo(a.get("session_id").asText());
    }

    @Test
    void aDialledConnectionIsWelcomedAsPoxDoesAndRemembersThePeersWelcome() throws Exception {
        RecordingConnection peer = new RecordingConnection("peer", true);
        nexus.connected(peer);
        settle();
        assertThat(peer.sent).singleElement().satisfies(w -> {
            assertThat(w.get("cmd").asText()).isEqualTo("welcome");
            assertThat(w.get("session_id").asText()).isEqualTo(peer.sessionId());
        });
        peer.sent.clear();
        assertThat(send(peer, "{\"CHANNEL\":\"\",\"cmd\":\"welcome\",\"session_id\":\"abc\"}")).isEmpty();
        assertThat(peer.peerSessionId()).isEqualTo("abc");
        // Its answer to the token our transport sent it, and from a client an unknown command.
        assertThat(send(peer, "{\"CHANNEL\":\"\",\"cmd\":\"authenticated\",\"role\":\"read\"}")).isEmpty();
        assertThat(send(alice, "{\"CHANNEL\":\"\",\"cmd\":\"authenticated\"}")).singleElement().satisfies(e ->
                assertThat(e.get("error").asText()).isEqualTo("unknown command \"authenticated\" on the default channel"));
    }

    @Test
    void aWelcomeFromAPoxMessengerThatDialledUsIsRememberedNotRefused() throws Exception {
        // POX's active transport welcomes the side it dials, too.
        assertThat(send(alice, "{\"CHANNEL\":\"\",\"cmd\":\"welcome\",\"session_id\":\"x\"}")).isEmpty();
        assertThat(alice.peerSessionId()).isEqualTo("x");
    }

    @Test
    void aPeersErrorIsNeverAnsweredWithAnError() throws Exception {
        assertThat(send(alice, "{\"CHANNEL\":\"\",\"cmd\":\"error\",\"error\":\"unknown command\"}")).isEmpty();
    }

    @Test
    void testIsAnsweredUpperCasedKeepingXidAndChannel() throws Exception {
        List<JsonNode> got = send(alice, "{\"CHANNEL\":\"\",\"test\":\"ping\",\"XID\":{\"n\":7}}");
        assertThat(got).extracting(Object::toString).containsExactly("{\"test\":\"PING\",\"CHANNEL\":\"\",\"XID\":{\"n\":7}}");
    }

    @Test
    void aMissingOrNullChannelMeansTheDefaultChannel() throws Exception {
        assertThat(send(alice, "{\"test\":\"a\"}")).extracting(n -> n.get("test").asText()).containsExactly("A");
        assertThat(send(alice, "{\"CHANNEL\":null,\"test\":\"b\"}")).extracting(n -> n.get("test").asText()).containsExactly("B");
    }

    @Test
    void aListOfChannelsDeliversToEach() throws Exception {
        List<JsonNode> seen = new ArrayList<>();
        onNexus(() -> new ChannelBot(nexus.getOrCreate("x", false)) {
            @Override
            protected void unhandled(MessageEvent e) {
                seen.add(e.message());
            }
        });
        List<JsonNode> got = send(alice, "{\"CHANNEL\":[\"\",\"x\"],\"test\":\"t\"}");
        assertThat(got).extracting(n -> n.get("test").asText()).containsExactly("T");
        assertThat(got.get(0).get("CHANNEL").asText()).isEmpty();
        assertThat(seen).hasSize(1);
    }

    @Test
    void aListOfChannelsLongerThanTheLimitIsRefusedWholeWithOneError() throws Exception {
        // Each name of a list is a delivery, or an error: 3 messages naming a missing channel
        // 200,000 times each made 600,000 errors and another client's test waited 5 s for the nexus.
        List<JsonNode> seen = new ArrayList<>();
        onNexus(() -> new ChannelBot(nexus.getOrCreate("x", false)) {
            @Override
            protected void unhandled(MessageEvent e) {
                seen.add(e.message());
            }
        });
        String most = "[" + "\"x\",".repeat(Nexus.MAX_CHANNELS_PER_MESSAGE - 1) + "\"x\"]";
        assertThat(send(alice, "{\"CHANNEL\":" + most + ",\"m\":1}")).isEmpty();
        assertThat(seen).hasSize(Nexus.MAX_CHANNELS_PER_MESSAGE);
        String tooMany = "[" + "\"nowhere\",".repeat(10_000) + "\"x\"]";
        assertThat(send(alice, "{\"CHANNEL\":" + tooMany + ",\"XID\":9}")).singleElement().satisfies(e -> {
            assertThat(e.get("error").asText()).isEqualTo("CHANNEL may list at most " + Nexus.MAX_CHANNELS_PER_MESSAGE
                    + " channels, not 10001");
            assertThat(e.get("XID").asInt()).isEqualTo(9);
        });
        assertThat(seen).as("deliveries of the refused message").hasSize(Nexus.MAX_CHANNELS_PER_MESSAGE);
    }

    @Test
    void aMessageToAChannelThatDoesNotExistGetsAnErrorNamingIt() throws Exception {
        List<JsonNode> got = send(alice, "{\"CHANNEL\":\"nowhere\",\"XID\":3,\"msg\":1}");
        assertThat(got).extracting(Object::toString).containsExactly(
                "{\"CHANNEL\":\"\",\"cmd\":\"error\",\"error\":\"no channel named 'nowhere'\",\"request_channel\":\"nowhere\",\"XID\":3}");
    }

    @Test
    void aChannelThatIsNotAStringIsAnError() throws Exception {
        assertThat(send(alice, "{\"CHANNEL\":5}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("CHANNEL must be a string or a list of strings, not 5"));
        assertThat(send(alice, "{\"CHANNEL\":[\"\",{}],\"test\":\"q\"}")).extracting(n -> n.has("error") ? "error" : n.get("test").asText())
                .containsExactly("Q", "error");
    }

    @Test
    void joinCreatesATemporaryChannelThatDiesWithItsLastMember() throws Exception {
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"room\"}")).isEmpty();
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"room\"}");
        assertThat(onNexus(() -> nexus.channel("room").members())).containsExactly(alice, bob);
        assertThat(onNexus(() -> nexus.channel("room").temporary())).isTrue();
        send(alice, "{\"cmd\":\"leave_channel\",\"channel\":\"room\"}");
        assertThat(onNexus(() -> nexus.channel("room").members())).containsExactly(bob);
        nexus.disconnected(bob);
        settle();
        assertThat(onNexus(() -> nexus.channel("room"))).isNull();
    }

    @Test
    void joinWithTemporaryFalseMakesAPermanentChannel() throws Exception {
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"keep\",\"temporary\":false}");
        send(alice, "{\"cmd\":\"leave_channel\",\"channel\":\"keep\"}");
        assertThat(onNexus(() -> nexus.channel("keep"))).isNotNull();
    }

    @Test
    void membersReceiveWhatIsSentToTheChannelWithItsName() throws Exception {
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"room\"}");
        alice.take();
        bob.take();
        onNexus(() -> {
            nexus.channel("room").send(Json.object().put("hi", 1));
            return null;
        });
        assertThat(alice.take()).extracting(Object::toString).containsExactly("{\"hi\":1,\"CHANNEL\":\"room\"}");
        assertThat(bob.take()).isEmpty();
    }

    @Test
    void joinAndLeaveRefuseBadRequestsWithClearErrors() throws Exception {
        assertThat(send(alice, "{\"cmd\":\"join_channel\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("'join_channel' needs 'channel', a channel name"));
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":[1]}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("'channel' must be a string, not [1]"));
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"a\",\"temporary\":\"no\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).contains("'temporary' must be true or false"));
        assertThat(send(alice, "{\"cmd\":\"leave_channel\",\"channel\":\"zz\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("cannot leave 'zz': not a member"));
    }

    @Test
    void aConnectionCannotJoinMoreChannelsThanTheLimit() throws Exception {
        nexus.setMaxChannelsPerConnection(2);
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"a\"}");
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"b\"}");
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"c\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).contains("already in 2 channels"));
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"a\"}")).isEmpty();
    }

    @Test
    void aJoinOrNewChannelRefusedAtTheLimitCreatesNoChannel() throws Exception {
        List<String> destroyed = new ArrayList<>();
        onNexus(() -> {
            nexus.addBotForPrefix("svc_", (ch, extra) -> new ChannelBot(ch) {
                @Override
                protected void destroyed() {
                    destroyed.add(ch.name());
                }
            });
            return null;
        });
        nexus.setMaxChannelsPerConnection(1);
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"a\"}");
        int before = onNexus(() -> nexus.channelNames().size());
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"b\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText())
                        .isEqualTo("cannot join 'b': this connection is already in 1 channels, the limit per connection"));
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"svc_1\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).startsWith("cannot join 'svc_1': "));
        assertThat(send(alice, "{\"cmd\":\"new_channel\",\"prefix\":\"job\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText())
                        .isEqualTo("cannot make a new channel: this connection is already in 1 channels, the limit per connection"));
        assertThat(onNexus(() -> nexus.channelNames().size())).as("channels after three refused joins").isEqualTo(before);
        assertThat(destroyed).as("a service bot made for a refused join").isEmpty();
    }

    @Test
    void theMessengerCannotHoldMoreChannelsThanItsLimitWhoeverMakesThem() throws Exception {
        nexus.setMaxChannels(3); // the default channel and two more
        nexus.addInvitableBot("Idle", (ch, extra) -> null);
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Idle\",\"channel\":\"waiting\"}");
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"b\"}");
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Idle\",\"channel\":\"more\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText())
                        .isEqualTo("cannot create channel 'more': the messenger already has 3 channels, its limit"));
        send(bob, "{\"cmd\":\"leave_channel\",\"channel\":\"b\"}");
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"c\"}")).isEmpty();
    }

    private void quietBot() throws Exception {
        onNexus(() -> {
            nexus.addInvitableBot("Quiet", (ch, extra) -> new ChannelBot(ch) { });
            return null;
        });
    }

    @Test
    void channelsAConnectionInvitedBotsIntoCountAgainstItsChannelLimitUntilSomeoneJoins() throws Exception {
        quietBot();
        nexus.setMaxChannelsPerConnection(2);
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"a\"}");
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"x\"}")).isEmpty();
        String full = "this connection is already in 1 channels and holds 1 more that it invited bots into and nobody "
                + "has joined yet, 2 in all, the limit per connection";
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"b\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("cannot join 'b': " + full));
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"y\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("cannot invite 'Quiet' into 'y': " + full));
        assertThat(onNexus(() -> nexus.channel("y"))).isNull();
        // Its own invited channel it may join: the channel only moves from held to joined.
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"x\"}")).isEmpty();
        // Someone else's join ends the inviter's hold on a channel, too.
        send(alice, "{\"cmd\":\"leave_channel\",\"channel\":\"a\"}");
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"z\"}");
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"z\"}");
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"c\"}")).isEmpty();
    }

    @Test
    void theChannelsAConnectionInvitedBotsIntoGoWithItUnlessSomeoneJoined() throws Exception {
        quietBot();
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"empty\"}");
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"visited\"}");
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"visited\"}");
        nexus.disconnected(alice);
        settle();
        assertThat(onNexus(() -> nexus.channel("empty"))).isNull();
        assertThat(onNexus(() -> nexus.channel("visited").members())).containsExactly(bob);
    }

    @Test
    void aChannelABotWasInvitedIntoGoesWhenNobodyJoinsItWithinTheInviteTimeout() throws Exception {
        quietBot();
        nexus.setMaxChannelsPerConnection(2);
        nexus.setInviteTimeout(java.time.Duration.ofMillis(300));
        // In one task of the nexus thread, so that no load can put the timeout between the two.
        alice.take();
        bob.take();
        onNexus(() -> {
            nexus.received(alice, (ObjectNode) Json.MAPPER.readTree("{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"kept\"}"));
            nexus.received(bob, (ObjectNode) Json.MAPPER.readTree("{\"cmd\":\"join_channel\",\"channel\":\"kept\"}"));
            return null;
        });
        assertThat(alice.take()).as("answers to alice's invitation").isEmpty();
        assertThat(bob.take()).as("answers to bob's join").isEmpty();
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"forgotten\"}");
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"forgotten_too\"}");
        io.poxlog.testing.Await.until("the unjoined channels expire",
                () -> nexus.call(() -> nexus.channel("forgotten") == null && nexus.channel("forgotten_too") == null).join());
        assertThat(onNexus(nexus::expiredInvitedChannels)).isEqualTo(2);
        // "kept" was invited into first, so it was due first: had a join not saved it, it would be gone.
        assertThat(onNexus(() -> nexus.channel("kept").members())).containsExactly(bob);
        // The expired channels no longer count against their inviter.
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"again\"}")).isEmpty();
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"again\"}")).isEmpty();
    }

    @Test
    void invitedBotsCountAgainstTheInvitersLimitAndTheChannelsUntilTheirChannelGoes() throws Exception {
        quietBot();
        nexus.setMaxBotsPerConnection(2);
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"room\"}");
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}");
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}");
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo(
                        "cannot invite 'Quiet' into 'room': this connection already has 2 invited bots running, the limit per connection"));
        nexus.setMaxBotsPerConnection(100);
        for (int i = 2; i < Nexus.MAX_INVITED_BOTS_PER_CHANNEL; i++) {
            assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}")).isEmpty();
        }
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo(
                        "cannot invite 'Quiet' into 'room': the channel already has 16 invited bots, the limit per channel"));
        send(bob, "{\"cmd\":\"leave_channel\",\"channel\":\"room\"}");
        assertThat(onNexus(() -> alice.invitedBots)).as("bots counted once their channel has gone").isZero();
    }

    @Test
    void aChannelOutlivingTheConnectionsThatInvitedItsBotsKeepsTheBotsButNotTheConnections() throws Exception {
        quietBot();
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"room\"}");
        RecordingConnection[] guests = new RecordingConnection[3];
        for (int i = 0; i < guests.length; i++) {
            guests[i] = new RecordingConnection("guest" + i);
            nexus.connected(guests[i]);
            settle();
            assertThat(send(guests[i], "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}")).isEmpty();
            nexus.disconnected(guests[i]);
        }
        send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"room\"}");
        // A gone connection held here would keep its transport's state alive as long as the channel.
        assertThat(onNexus(() -> nexus.channel("room").inviters())).as("inviters the channel holds").containsExactly(alice);
        assertThat(onNexus(() -> nexus.channel("room").bots())).as("bots").hasSize(guests.length + 1);
        assertThat(onNexus(() -> nexus.channel("room").invitedBots())).isEqualTo(guests.length + 1);
        send(bob, "{\"cmd\":\"leave_channel\",\"channel\":\"room\"}");
        assertThat(onNexus(() -> alice.invitedBots)).as("alice's bots once their channel has gone").isZero();
        assertThat(onNexus(() -> alice.invitedInto)).isEmpty();
    }

    @Test
    void invitingABotIntoAPermanentChannelNeedsAdmin() throws Exception {
        quietBot();
        onNexus(() -> {
            nexus.getOrCreate("lasting", false);
            alice.setRole(Role.READ);
            return null;
        });
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"lasting\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText())
                        .isEqualTo("inviting a bot into a permanent channel needs the 'admin' right; this connection has only 'read'"));
        assertThat(send(bob, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"channel\":\"lasting\"}")).isEmpty();
        assertThat(onNexus(() -> nexus.channel("lasting").invitedBots())).isEqualTo(1);
    }

    @Test
    void aChannelWhoseServiceFailsToStartIsNotKept() throws Exception {
        onNexus(() -> {
            nexus.addBotForPrefix("fragile_", (ch, extra) -> {
                throw new IllegalStateException("cannot start");
            });
            nexus.addInvitableBot("Fragile", (ch, extra) -> {
                throw new IllegalStateException("cannot start either");
            });
            return null;
        });
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"fragile_1\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("internal error: java.lang.IllegalStateException: cannot start"));
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Fragile\",\"channel\":\"f\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).contains("cannot start either"));
        assertThat(onNexus(() -> nexus.channel("fragile_1"))).isNull();
        assertThat(onNexus(() -> nexus.channel("f"))).isNull();
        assertThat(onNexus(() -> alice.owned)).isEmpty();
    }

    @Test
    void onlyAdminMayCreateAPermanentChannel() throws Exception {
        onNexus(() -> {
            alice.setRole(Role.READ);
            return null;
        });
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"forever\",\"temporary\":false}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText())
                        .isEqualTo("creating a permanent channel needs the 'admin' right; this connection has only 'read'"));
        assertThat(send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"forever\",\"temporary\":false}")).isEmpty();
        assertThat(send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"forever\",\"temporary\":false}")).isEmpty();
    }

    @Test
    void newChannelMakesAFreshTemporaryChannelJoinsTheSenderAndRepliesItsName() throws Exception {
        List<JsonNode> got = send(alice, "{\"cmd\":\"new_channel\",\"prefix\":\"job\",\"XID\":\"q\"}");
        assertThat(got).hasSize(1);
        String name = got.get(0).get("new_channel").asText();
        assertThat(name).matches("job_\\d+");
        assertThat(got.get(0).get("XID").asText()).isEqualTo("q");
        assertThat(onNexus(() -> nexus.channel(name).members())).containsExactly(alice);
        String plain = send(alice, "{\"cmd\":\"new_channel\"}").get(0).get("new_channel").asText();
        assertThat(plain).matches("temp_\\d+");
    }

    @Test
    void inviteStartsARegisteredBotInAChannel() throws Exception {
        List<String> joins = new ArrayList<>();
        onNexus(() -> {
            nexus.addInvitableBot("Watcher", (ch, extra) -> new ChannelBot(ch) {
                @Override
                protected void joined(Connection c, ObjectNode m) {
                    joins.add(c + "@" + ch.name());
                }
            });
            return null;
        });
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Watcher\",\"channel\":\"w\"}")).isEmpty();
        send(bob, "{\"cmd\":\"join_channel\",\"channel\":\"w\"}");
        assertThat(joins).containsExactly("bob@w");
    }

    @Test
    void inviteWithoutAChannelRepliesTheNameOfAFreshOne() throws Exception {
        onNexus(() -> {
            nexus.addInvitableBot("Quiet", (ch, extra) -> new ChannelBot(ch) { });
            return null;
        });
        List<JsonNode> got = send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\"}");
        assertThat(got).singleElement().satisfies(r -> assertThat(r.get("new_channel").asText()).matches("Quiet_\\d+"));
        got = send(alice, "{\"cmd\":\"invite\",\"bot\":\"Quiet\",\"prefix\":\"calm\"}");
        assertThat(got).singleElement().satisfies(r -> assertThat(r.get("new_channel").asText()).matches("calm_\\d+"));
    }

    @Test
    void invitingAnUnknownBotNamesTheKnownOnes() throws Exception {
        onNexus(() -> {
            nexus.addInvitableBot("GreetBot", (ch, extra) -> new ChannelBot(ch) { });
            return null;
        });
        assertThat(send(alice, "{\"cmd\":\"invite\",\"bot\":\"Nobody\",\"channel\":\"c\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("no bot named 'Nobody'; known bots: [GreetBot]"));
    }

    @Test
    void newlinesModeFollowsEveryObjectWithANewline() throws Exception {
        send(alice, "{\"newlines\":true}");
        assertThat(alice.newlines()).isTrue();
        send(alice, "{\"test\":\"x\"}");
        assertThat(alice.rawWrites.get(alice.rawWrites.size() - 1)).endsWith("}\n");
        send(alice, "{\"newlines\":false}");
        assertThat(alice.newlines()).isFalse();
        assertThat(send(alice, "{\"newlines\":\"yes\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("'newlines' must be true or false, not \"yes\""));
    }

    @Test
    void anUnknownCommandOnTheDefaultChannelIsAnError() throws Exception {
        assertThat(send(alice, "{\"cmd\":\"fly\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).isEqualTo("unknown command \"fly\" on the default channel"));
        assertThat(send(alice, "{\"hello\":1}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).contains("has none of them"));
    }

    @Test
    void aChannelCreatedOnDemandForAMessageIsDroppedWhenNobodyJoinsIt() throws Exception {
        List<String> handled = new ArrayList<>();
        onNexus(() -> {
            nexus.addBotForPrefix("demand_", (ch, extra) -> new ChannelBot(ch) {
                @Override
                protected void unhandled(MessageEvent e) {
                    handled.add(ch.name());
                }
            });
            return null;
        });
        assertThat(send(alice, "{\"CHANNEL\":\"demand_1\",\"x\":1}")).isEmpty();
        assertThat(handled).containsExactly("demand_1");
        assertThat(onNexus(() -> nexus.channel("demand_1"))).isNull();
    }

    @Test
    void aServiceThatFailsAnswersAnInternalErrorAndHarmsNobodyElse() throws Exception {
        onNexus(() -> new ChannelBot(nexus.getOrCreate("broken", false)) {
            @Override
            protected void unhandled(MessageEvent e) {
                throw new IllegalStateException("boom");
            }
        });
        assertThat(send(alice, "{\"CHANNEL\":\"broken\"}")).singleElement()
                .satisfies(e -> assertThat(e.get("error").asText()).contains("internal error").contains("boom"));
        assertThat(send(bob, "{\"test\":\"still\"}")).extracting(n -> n.get("test").asText()).containsExactly("STILL");
    }

    @Test
    void aServiceThatThrowsAnErrorAnswersAnInternalErrorAndTheNexusGoesOn() throws Exception {
        onNexus(() -> new ChannelBot(nexus.getOrCreate("exhausted", false)) {
            @Override
            protected void unhandled(MessageEvent e) {
                throw new OutOfMemoryError("simulated: Java heap space");
            }
        });
        assertThat(send(alice, "{\"CHANNEL\":\"exhausted\",\"XID\":4}")).singleElement().satisfies(e -> {
            assertThat(e.get("error").asText()).isEqualTo("internal error: java.lang.OutOfMemoryError: simulated: Java heap space");
            assertThat(e.get("XID").asInt()).isEqualTo(4);
        });
        assertThat(send(bob, "{\"test\":\"still\"}")).extracting(n -> n.get("test").asText()).containsExactly("STILL");
    }

    @Test
    void aTaskThatThrowsAnErrorIsLoggedAndTheSameNexusThreadGoesOnServing() throws Exception {
        ch.qos.logback.classic.Logger messengerLog =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("messenger");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        messengerLog.addAppender(logged);
        try {
            Thread before = onNexus(Thread::currentThread);
            nexus.execute(() -> {
                throw new StackOverflowError("simulated");
            });
            Thread after = onNexus(Thread::currentThread);
            assertThat(after).as("the thread serving after an Error").isSameAs(before);
            assertThat(send(alice, "{\"test\":\"on\"}")).extracting(n -> n.get("test").asText()).containsExactly("ON");
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
                assertThat(e.getThrowableProxy().getClassName()).isEqualTo("java.lang.StackOverflowError");
            });
        } finally {
            messengerLog.detachAppender(logged);
        }
    }

    @Test
    void aDisconnectedConnectionLeavesEveryChannelAndItsQueuedMessagesAreIgnored() throws Exception {
        send(alice, "{\"cmd\":\"join_channel\",\"channel\":\"a\",\"temporary\":false}");
        nexus.disconnected(alice);
        nexus.received(alice, (ObjectNode) Json.MAPPER.readTree("{\"test\":\"late\"}"));
        settle();
        assertThat(onNexus(() -> nexus.channel("a").members())).isEmpty();
        assertThat(alice.take()).isEmpty();
    }
}

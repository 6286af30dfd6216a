package io.poxlog.suite;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.transports.MessengerWire;
import io.poxlog.testing.transports.OnEveryTransport;
import io.poxlog.testing.transports.Transport;
import io.poxlog.testing.transports.TransportServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * POX's example services (PROTOCOL.md §8) over every transport (issue 13): the services are
 * written once, and each behaves the same whatever carries its messages. One server serves every
 * test: the services keep their counts per connection, and each test makes its own connections
 * and channels.
 */
class ExampleServicesOnEveryTransportTest {
    private static TransportServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TransportServer();
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    /** A name unique to this test and transport, so that tests sharing the server share no channel. */
    private static String unique(String prefix, Transport t) {
        return prefix + "_" + t.name().toLowerCase() + "_" + System.nanoTime();
    }

    @OnEveryTransport
    void upperCountsPerConnection(Transport t) throws Exception {
        try (MessengerWire a = server.client(t); MessengerWire b = server.client(t)) {
            a.send("{\"CHANNEL\":\"upper\",\"msg\":\"one\"}");
            a.send("{\"CHANNEL\":\"upper\",\"msg\":\"two\",\"XID\":9}");
            b.send("{\"CHANNEL\":\"upper\",\"msg\":\"three\"}");
            assertThat(a.next().get("count").asInt()).isEqualTo(1);
            JsonNode second = a.next();
            assertThat(second.toString()).isEqualTo("{\"count\":2,\"msg\":\"TWO\",\"CHANNEL\":\"upper\",\"XID\":9}");
            assertThat(b.next().toString()).isEqualTo("{\"count\":1,\"msg\":\"THREE\",\"CHANNEL\":\"upper\"}");
        }
    }

    @OnEveryTransport
    void upperWithoutATextMsgIsAnError(Transport t) throws Exception {
        try (MessengerWire a = server.client(t)) {
            a.send("{\"CHANNEL\":\"upper\",\"msg\":5,\"XID\":\"u\"}");
            JsonNode err = a.next();
            assertThat(err.get("cmd").asText()).isEqualTo("error");
            assertThat(err.get("CHANNEL").asText()).isEmpty();
            assertThat(err.get("request_channel").asText()).isEqualTo("upper");
            assertThat(err.get("XID").asText()).isEqualTo("u");
            assertThat(err.get("error").asText()).contains("'msg' is 5");
        }
    }

    @OnEveryTransport
    void echoChannelsGetABotWithItsOwnCounter(Transport t) throws Exception {
        String echoA = unique("echo_a", t);
        String echoB = unique("echo_b", t);
        try (MessengerWire a = server.client(t)) {
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + echoA + "\"}");
            a.send("{\"CHANNEL\":\"" + echoA + "\",\"msg\":\"hi\"}");
            a.send("{\"CHANNEL\":\"" + echoA + "\",\"msg\":\"again\"}");
            assertThat(a.next().toString()).isEqualTo("{\"msg\":\"1: hi\",\"CHANNEL\":\"" + echoA + "\"}");
            assertThat(a.next().get("msg").asText()).isEqualTo("2: again");
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + echoB + "\"}");
            a.send("{\"CHANNEL\":\"" + echoB + "\",\"msg\":\"x\"}");
            assertThat(a.next().get("msg").asText()).isEqualTo("1: x");
        }
    }

    @OnEveryTransport
    void chatRelaysToEveryMemberNamingTheSender(Transport t) throws Exception {
        try (MessengerWire a = server.client(t); MessengerWire b = server.client(t)) {
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            a.drain();
            b.drain();
            a.send("{\"CHANNEL\":\"chat\",\"msg\":\"hello all " + t + "\"}");
            JsonNode atA = a.next();
            JsonNode atB = b.next();
            assertThat(atA).isEqualTo(atB);
            assertThat(atA.get("CHANNEL").asText()).isEqualTo("chat");
            assertThat(atA.get("msg").asText())
                    .matches(t.connectionPattern() + " says hello all " + t);
        }
    }

    @OnEveryTransport
    void timeTellsItsMembersTheTime(Transport t) throws Exception {
        try (MessengerWire a = server.client(t)) {
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"time\"}");
            JsonNode tick = a.next(m -> "time".equals(m.path("CHANNEL").asText()));
            assertThat(tick.get("msg").asText()).matches("It's \\d\\d:\\d\\d:\\d\\d (AM|PM)");
        }
    }

    @OnEveryTransport
    void greetBotGreetsEachConnectionThatJoinsItsChannel(Transport t) throws Exception {
        String lobby = unique("lobby", t);
        try (MessengerWire a = server.client(t); MessengerWire b = server.client(t)) {
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\",\"channel\":\"" + lobby + "\"}");
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
            JsonNode hello = a.next();
            assertThat(hello.get("CHANNEL").asText()).isEqualTo(lobby);
            assertThat(hello.get("greeting").asText()).matches("hello, " + t.connectionPattern() + "\\b.*");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
            assertThat(b.next().get("greeting").asText()).startsWith("hello, ");
            assertThat(a.next().get("greeting").asText()).as("a member sees the newcomer greeted").startsWith("hello, ");
        }
    }

    @OnEveryTransport
    void greetBotInvitedIntoAFreshChannelGreetsWhoeverJoinsItAfterItsInviterHasGone(Transport t) throws Exception {
        try (MessengerWire b = server.client(t)) {
            String lobby;
            try (MessengerWire a = server.client(t)) {
                a.send("{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\",\"XID\":1}");
                lobby = a.next().get("new_channel").asText();
                assertThat(lobby).matches("GreetBot_\\d+");
                a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
                assertThat(a.next().get("greeting").asText()).startsWith("hello, ");
                b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
                assertThat(b.next().get("CHANNEL").asText()).isEqualTo(lobby);
            }
            // The inviter joined, so the channel is an ordinary temporary one now: it stays while b is in it.
            try (MessengerWire c = server.client(t)) {
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
                assertThat(c.next().get("greeting").asText()).startsWith("hello, ");
            }
        }
    }

    @OnEveryTransport
    void aTestRoundTripIsAnsweredInOrderWithEverythingElse(Transport t) throws Exception {
        try (MessengerWire a = server.client(t)) {
            a.send("{\"CHANNEL\":\"upper\",\"msg\":\"first\"}");
            a.send("{\"test\":\"ok\"}");
            assertThat(a.next().get("msg").asText()).isEqualTo("FIRST");
            assertThat(a.next().toString()).isEqualTo("{\"test\":\"OK\",\"CHANNEL\":\"\"}");
        }
    }
}

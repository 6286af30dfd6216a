package io.poxlog.messenger.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.testing.TestServer;
import io.poxlog.testing.WireClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POX's example services (PROTOCOL.md §8) over a real socket. */
class ExampleServicesTest {
    private TestServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(TcpSettings.DEFAULTS, Duration.ofMillis(200));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void upperCountsPerConnection() throws Exception {
        try (WireClient a = server.client(); WireClient b = server.client()) {
            a.welcome();
            b.welcome();
            a.send("{\"CHANNEL\":\"upper\",\"msg\":\"one\"}");
            a.send("{\"CHANNEL\":\"upper\",\"msg\":\"two\",\"XID\":9}");
            b.send("{\"CHANNEL\":\"upper\",\"msg\":\"three\"}");
            assertThat(a.next().get("count").asInt()).isEqualTo(1);
            JsonNode second = a.next();
            assertThat(second.toString()).isEqualTo("{\"count\":2,\"msg\":\"TWO\",\"CHANNEL\":\"upper\",\"XID\":9}");
            assertThat(b.next().get("count").asInt()).isEqualTo(1);
        }
    }

    @Test
    void upperWithoutATextMsgIsAnError() throws Exception {
        try (WireClient a = server.client()) {
            a.welcome();
            a.send("{\"CHANNEL\":\"upper\",\"msg\":5}");
            JsonNode err = a.next();
            assertThat(err.get("cmd").asText()).isEqualTo("error");
            assertThat(err.get("request_channel").asText()).isEqualTo("upper");
            assertThat(err.get("error").asText()).contains("'msg' is 5");
        }
    }

    @Test
    void echoChannelsGetABotWithItsOwnCounter() throws Exception {
        try (WireClient a = server.client()) {
            a.welcome();
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"echo_a\"}");
            a.send("{\"CHANNEL\":\"echo_a\",\"msg\":\"hi\"}");
            a.send("{\"CHANNEL\":\"echo_a\",\"msg\":\"again\"}");
            assertThat(a.next().toString()).isEqualTo("{\"msg\":\"1: hi\",\"CHANNEL\":\"echo_a\"}");
            assertThat(a.next().get("msg").asText()).isEqualTo("2: again");
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"echo_b\"}");
            a.send("{\"CHANNEL\":\"echo_b\",\"msg\":\"x\"}");
            assertThat(a.next().get("msg").asText()).isEqualTo("1: x");
        }
    }

    @Test
    void chatRelaysToEveryMemberNamingTheSender() throws Exception {
        try (WireClient a = server.client(); WireClient b = server.client()) {
            a.welcome();
            b.welcome();
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            b.drain();
            a.send("{\"CHANNEL\":\"chat\",\"msg\":\"hello all\"}");
            JsonNode atA = a.next();
            JsonNode atB = b.next();
            assertThat(atA).isEqualTo(atB);
            assertThat(atA.get("CHANNEL").asText()).isEqualTo("chat");
            assertThat(atA.get("msg").asText()).matches("TCPConnection 127\\.0\\.0\\.1:\\d+/127\\.0\\.0\\.1:\\d+ says hello all");
        }
    }

    @Test
    void timeTellsItsMembersTheTime() throws Exception {
        try (WireClient a = server.client()) {
            a.welcome();
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"time\"}");
            JsonNode tick = a.next(m -> "time".equals(m.path("CHANNEL").asText()));
            assertThat(tick.get("msg").asText()).matches("It's \\d\\d:\\d\\d:\\d\\d (AM|PM)");
        }
    }

    @Test
    void greetBotGreetsEachConnectionThatJoinsItsChannel() throws Exception {
        try (WireClient a = server.client(); WireClient b = server.client()) {
            a.welcome();
            b.welcome();
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\",\"channel\":\"lobby\"}");
            a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"lobby\"}");
            JsonNode hello = a.next();
            assertThat(hello.get("CHANNEL").asText()).isEqualTo("lobby");
            assertThat(hello.get("greeting").asText()).startsWith("hello, TCPConnection 127.0.0.1:");
            b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"lobby\"}");
            assertThat(b.next().get("greeting").asText()).startsWith("hello, ");
            assertThat(a.next().get("greeting").asText()).as("a member sees the newcomer greeted").startsWith("hello, ");
        }
    }

    @Test
    void greetBotInvitedIntoAFreshChannelGreetsWhoeverJoinsItAfterItsInviterHasGone() throws Exception {
        try (WireClient b = server.client()) {
            b.welcome();
            String lobby;
            try (WireClient a = server.client()) {
                a.welcome();
                a.send("{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\",\"XID\":1}");
                lobby = a.next().get("new_channel").asText();
                assertThat(lobby).matches("GreetBot_\\d+");
                a.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
                assertThat(a.next().get("greeting").asText()).startsWith("hello, ");
                b.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
                assertThat(b.next().get("CHANNEL").asText()).isEqualTo(lobby);
            }
            // The inviter joined, so the channel is an ordinary temporary one now: it stays while b is in it.
            try (WireClient c = server.client()) {
                c.welcome();
                c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + lobby + "\"}");
                assertThat(c.next().get("greeting").asText()).startsWith("hello, ");
            }
        }
    }
}

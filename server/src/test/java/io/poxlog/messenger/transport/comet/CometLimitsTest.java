package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.testing.Await;
import io.poxlog.testing.Canary;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A comet session's limits are a TCP connection's (README's "Running it safely"): sessions in
 * all and per address, the message rate, the idle rule, the output a client that stops fetching
 * may leave waiting. Each pushed past while another client is served and the canary logs.
 */
class CometLimitsTest {
    private static CometSettings with(ConnectionLimits limits) {
        return CometSettings.DEFAULTS.withSessions(CometSettings.DEFAULTS.sessions().withLimits(limits));
    }

    private static final ConnectionLimits BASE = CometSettings.DEFAULTS.sessions().limits();

    @Test
    void sessionsPerAddressAndInAllAreBounded() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(with(BASE.withMaxConnectionsPerAddress(3)),
                WebSettings.DEFAULTS, null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             CometClient first = fx.cometClient()) {
            CometHttp http = new CometHttp(fx);
            http.newSession();
            http.newSession();
            HttpResponse<String> refused = http.post("/_webmsg/new", "{\"seq\":100,\"data\":null}");
            assertThat(refused.statusCode()).isEqualTo(429);
            assertThat(CometHttp.json(refused).get("error").asText())
                    .isEqualTo("3 sessions are open from 127.0.0.1, the limit for one address (max_sessions_per_address)");
            assertThat(fx.comet.openSessions()).isEqualTo(3);
            first.send("{\"CHANNEL\":\"upper\",\"msg\":\"served\"}");
            assertThat(first.next().get("msg").asText()).isEqualTo("SERVED");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
        try (WebMessengerFixture fx = new WebMessengerFixture(with(BASE.withMaxConnections(2)), WebSettings.DEFAULTS, null)) {
            CometHttp http = new CometHttp(fx);
            http.newSession();
            http.newSession();
            HttpResponse<String> refused = http.get("/_webmsg/new");
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(CometHttp.json(refused).get("error").asText()).contains("2 sessions are open, this transport's limit");
        }
    }

    @Test
    void aSessionFloodingPastItsRateIsToldThenClosedAndAnotherIsServed() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(with(BASE.withMessageRate(10, 20)), WebSettings.DEFAULTS, null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             CometClient flooder = fx.cometClient();
             CometClient other = fx.cometClient()) {
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < 50; i++) {
                data.append(i == 0 ? "" : ",").append("{\"CHANNEL\":\"upper\",\"msg\":\"f").append(i).append("\"}");
            }
            assertThat(CometClient.post(fx.cometBase().resolve(flooder.key()), Map.of(),
                    "{\"seq\":101,\"data\":[" + data + "]}").statusCode()).isEqualTo(200);
            JsonNode warned = flooder.next(m -> m.has("error"));
            assertThat(warned.get("error").asText()).contains("more than 10 messages per second, this session's limit");
            JsonNode closing = flooder.next(m -> m.has("error"));
            assertThat(closing.get("error").asText()).contains("closing the session");
            Await.until("the flooder's session closes", () -> fx.comet.openSessions() == 1);
            other.send("{\"CHANNEL\":\"upper\",\"msg\":\"fine\"}");
            assertThat(other.next().get("msg").asText()).isEqualTo("FINE");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }

    @Test
    void aSessionInNoChannelThatSendsNothingIsClosedAtTheIdleLimitAndAMemberStays() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(with(BASE.withIdleTimeout(Duration.ofSeconds(1))),
                WebSettings.DEFAULTS, null);
             CometClient idle = fx.cometClient();
             CometClient member = fx.cometClient()) {
            member.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"chat\"}");
            JsonNode closing = idle.next();
            assertThat(closing.get("error").asText())
                    .isEqualTo("nothing sent for 1 s and no channel joined, the idle limit; closing the session");
            Await.until("the idle session closes", () -> fx.comet.openSessions() == 1);
            member.send("{\"CHANNEL\":\"upper\",\"msg\":\"stayed\"}");
            assertThat(member.next(m -> m.has("msg")).get("msg").asText()).isEqualTo("STAYED");
        }
    }

    @Test
    void aClientThatStopsFetchingIsClosedPastTheOutputBound() throws Exception {
        HttpSessionSettings small = CometSettings.DEFAULTS.sessions().withOutput(64 * 1024, 256 * 1024);
        try (WebMessengerFixture fx = new WebMessengerFixture(CometSettings.DEFAULTS.withSessions(small),
                WebSettings.DEFAULTS, null);
             Canary canary = Canary.start(fx.tcp.boundAddress(), null, fx.logger("canary"));
             CometClient stalled = CometClient.connect(fx.cometBase(), Map.of(), false);
             CometClient other = fx.cometClient()) {
            String big = "x".repeat(100_000);
            for (int i = 0; i < 3; i++) {
                stalled.send("{\"CHANNEL\":\"upper\",\"msg\":\"" + big + "\"}");
            }
            Await.until("the stalled session is closed", () -> fx.comet.openSessions() == 1);
            HttpResponse<String> gone = CometClient.get(fx.cometBase().resolve(stalled.key()), Map.of());
            assertThat(gone.statusCode()).isEqualTo(404);
            other.send("{\"CHANNEL\":\"upper\",\"msg\":\"fine\"}");
            assertThat(other.next().get("msg").asText()).isEqualTo("FINE");
            canary.assertAlive(Canary.MAX_SILENCE);
        }
    }
}

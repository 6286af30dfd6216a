package io.poxlog.messenger.transport.comet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import io.poxlog.testing.Await;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.Tokens;
import io.poxlog.testing.WebMessengerFixture;
import io.poxlog.web.WebSettings;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tokens (PROTOCOL.md §9.3: the first message, or Bearer on {@code new}) and POX's Basic authentication (§10.5). */
class CometAuthenticationTest {
    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void basicCredentialsAreCheckedAndEveryAnswerCarriesPoxsChallenge() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(CometSettings.DEFAULTS.withBasic("user", "Pass"),
                WebSettings.DEFAULTS, null)) {
            CometHttp http = new CometHttp(fx);
            HttpResponse<String> none = http.post("/_webmsg/new", "{\"seq\":100,\"data\":null}");
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"POX\"");
            assertThat(CometHttp.json(none).get("error").asText()).contains("needs HTTP Basic authentication");
            HttpResponse<String> lowered = http.post("/_webmsg/new", Map.of("Authorization", basic("user:pass")),
                    "{\"seq\":100,\"data\":null}");
            assertThat(lowered.statusCode()).isEqualTo(401); // compared as given, not lower-cased (POX's bug)
            assertThat(fx.comet.openSessions()).isZero();
            Map<String, String> right = Map.of("Authorization", "basic " + basic("user:Pass").substring(6));
            HttpResponse<String> ok = http.post("/_webmsg/new", right, "{\"seq\":100,\"data\":null}");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"POX\"");
            String key = CometHttp.json(ok).get("ses").asText();
            HttpResponse<String> welcome = http.get("/_webmsg/" + key, right);
            assertThat(welcome.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"POX\"");
            assertThat(http.post("/_webmsg/" + key, right, "{\"seq\":101,\"data\":null}").statusCode()).isEqualTo(200);
            HttpResponse<String> bad = http.post("/_webmsg/" + key, right, "{\"seq\":5,\"data\":null}");
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"POX\""); // 400s too
        }
    }

    @Test
    void wrongBasicCredentialsFromOneAddressEarnItABackoff() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(CometSettings.DEFAULTS.withBasic("user", "pass"),
                WebSettings.DEFAULTS, null)) {
            CometHttp http = new CometHttp(fx);
            for (int i = 0; i < 5; i++) {
                assertThat(CometHttp.json(http.get("/_webmsg/new", Map.of("Authorization", basic("user:guess" + i))))
                        .get("error").asText()).isEqualTo("wrong username or password");
            }
            HttpResponse<String> refused = http.get("/_webmsg/new", Map.of("Authorization", basic("user:pass")));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(CometHttp.json(refused).get("error").asText()).contains("too many wrong credentials from 127.0.0.1");
        }
    }

    @Test
    void aBearerTokenOnNewAuthenticatesTheSessionAndAWrongOneMakesNone() throws Exception {
        try (WebMessengerFixture fx = new WebMessengerFixture(CometSettings.DEFAULTS, WebSettings.DEFAULTS, Tokens.BOTH)) {
            CometHttp http = new CometHttp(fx);
            HttpResponse<String> wrong = http.post("/_webmsg/new", Map.of("Authorization", "Bearer nope"),
                    "{\"seq\":100,\"data\":null}");
            assertThat(wrong.statusCode()).isEqualTo(401);
            assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
            Await.until("no session left", () -> fx.comet.openSessions() == 0);
            try (CometClient c = CometClient.connect(fx.cometBase(), Map.of("Authorization", "Bearer " + Tokens.READ))) {
                JsonNode welcome = c.welcome();
                assertThat(welcome.get("auth_required").asBoolean()).isTrue();
                JsonNode authenticated = c.next();
                assertThat(authenticated.get("cmd").asText()).isEqualTo("authenticated");
                assertThat(authenticated.get("role").asText()).isEqualTo("read");
                c.send("{\"CHANNEL\":\"upper\",\"msg\":\"in\"}");
                assertThat(c.next().get("msg").asText()).isEqualTo("IN");
            }
        }
    }

    @Test
    void theFirstMessageAuthenticatesAsOnTcpAndASessionThatNeverDoesIsClosed() throws Exception {
        ConnectionLimits quick = ConnectionLimits.DEFAULTS.withHandshakeTimeout(Duration.ofSeconds(1));
        CometSettings settings = CometSettings.DEFAULTS.withSessions(CometSettings.DEFAULTS.sessions().withLimits(quick));
        try (WebMessengerFixture fx = new WebMessengerFixture(settings, WebSettings.DEFAULTS, Tokens.BOTH);
             CometClient good = fx.cometClient();
             CometClient silent = fx.cometClient()) {
            good.send("{\"CHANNEL\":\"upper\",\"msg\":\"before\"}");
            assertThat(good.next().get("error").asText()).contains("authentication required");
            assertThat(good.authenticate(Tokens.ADMIN).get("role").asText()).isEqualTo("admin");
            JsonNode closing = silent.next();
            assertThat(closing.get("error").asText()).isEqualTo("no authentication within 1 s; closing the session");
            Await.until("the silent session closes", () -> fx.comet.openSessions() == 1);
            Await.until("its poller sees it", silent::isClosed);
            good.send("{\"CHANNEL\":\"upper\",\"msg\":\"after\"}");
            assertThat(good.next(m -> m.has("msg")).get("msg").asText()).isEqualTo("AFTER");
        }
    }
}

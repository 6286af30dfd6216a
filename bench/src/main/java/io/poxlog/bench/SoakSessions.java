package io.poxlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The soak's sessions, good and bad, each on a connection already welcomed (and authenticated
 * where the name says so). Each returns null when the server answered as it should, else what
 * it did instead.
 */
final class SoakSessions {
    private static final long REPLY_MS = SoakClient.REPLY_MS;

    private SoakSessions() {
    }

    static ObjectNode msg(String channel) {
        return SoakConnection.MAPPER.createObjectNode().put("CHANNEL", channel);
    }

    /** A test round trip: the server has handled everything sent before it, and is alive. */
    static String roundTrip(SoakConnection c) throws IOException, InterruptedException {
        String probe = "rt" + ThreadLocalRandom.current().nextInt(1_000_000);
        c.send(msg("").put("test", probe));
        JsonNode r = c.await(m -> m.has("test") || m.has("error"), REPLY_MS);
        if (r == null) {
            return "no answer to a test round trip within " + REPLY_MS + " ms";
        }
        return r.has("error") ? "unexpected error: " + r.get("error").asText()
                : probe.toUpperCase().equals(r.get("test").asText()) ? null : "wrong answer " + r;
    }

    /** upper, chat, get_levels: the example services and the levels report, for a reader. */
    static String examples(SoakConnection c) throws IOException, InterruptedException {
        c.send(msg("upper").put("msg", "soak"));
        if (c.await(m -> "SOAK".equals(m.path("msg").asText()), REPLY_MS) == null) {
            return "no upper-cased reply";
        }
        c.send(msg("").put("cmd", "join_channel").put("channel", "chat"));
        c.send(msg("chat").put("msg", "hello"));
        if (c.await(m -> "chat".equals(m.path("CHANNEL").asText()) && m.path("msg").asText().endsWith("says hello"),
                REPLY_MS) == null) {
            return "no chat echo";
        }
        c.send(msg("log").put("cmd", "get_levels").put("XID", 1));
        return c.await(m -> m.has("levels"), REPLY_MS) == null ? "no levels report" : roundTrip(c);
    }

    /** An operator: sets a noise logger's level and injects a record, and is refused nothing. */
    static String admin(SoakConnection c) throws IOException, InterruptedException {
        ObjectNode set = msg("log");
        int n = ThreadLocalRandom.current().nextInt(SoakServer.NOISE_LOGGERS);
        set.putObject("setLevels").put(SoakServer.noiseLogger(n),
                ThreadLocalRandom.current().nextBoolean() ? "DEBUG" : "WARNING");
        c.send(set);
        c.send(msg("log").put("message", "an operator's note").put("level", "INFO").put("subsystem", "soak.injected"));
        return roundTrip(c);
    }

    static String readSetsLevels(SoakConnection c) throws IOException, InterruptedException {
        c.send(msg("log").put("setLevels", "DEBUG"));
        JsonNode e = SoakClient.errorOf(c);
        return e != null && e.path("error").asText().contains("needs the 'admin' right") ? roundTrip(c)
                : "a reader's setLevels was not refused: " + e;
    }

    static String noAuth(SoakConnection c) throws IOException, InterruptedException {
        for (int i = 0; i < 3; i++) {
            c.send(msg("upper").put("msg", "sneak"));
        }
        JsonNode e = SoakClient.errorOf(c);
        if (e == null || !e.path("error").asText().startsWith("authentication required")) {
            return "no 'authentication required' error: " + e;
        }
        return c.awaitClosed(REPLY_MS) ? null : "not closed after 3 unauthenticated messages";
    }

    /** On a connection whose client presented a wrong token: it must end refused, and say why. */
    static String wrongToken(SoakConnection c) throws InterruptedException {
        if (c.awaitReady()) {
            return "a wrong token was accepted";
        }
        String why = c.failure();
        return why.startsWith("refused: the controller refused the token: authentication failed") ? null
                : "a wrong token was not refused as such: " + why;
    }

    static String garbage(SoakConnection c) throws IOException, InterruptedException {
        c.sendRaw("GET / HTTP/1.1\r\nHost: soak\r\n\r\n");
        JsonNode e = SoakClient.errorOf(c);
        if (e == null) {
            return "no error for garbage";
        }
        return c.awaitClosed(REPLY_MS) ? null : "not closed after garbage";
    }

    static String invalidJson(SoakConnection c) throws IOException, InterruptedException {
        c.sendRaw("{\"CHANNEL\":\"upper\",\"msg\": nope}");
        JsonNode e = SoakClient.errorOf(c);
        return e != null && e.path("error").asText().startsWith("invalid JSON") ? roundTrip(c)
                : "no 'invalid JSON' error: " + e;
    }

    static String oversize(SoakConnection c) throws IOException, InterruptedException {
        try {
            c.sendRaw("{\"msg\":\"" + "x".repeat(SoakServer.MAX_FRAME_BYTES + 1000) + "\"}");
        } catch (IOException closedWhileSending) {
            // the server may close before it has read all of it
        }
        JsonNode e = SoakClient.errorOf(c);
        if (e == null || !e.path("error").asText().contains("larger than the limit")) {
            return "no size error: " + e;
        }
        return c.awaitClosed(REPLY_MS) ? null : "not closed after an oversized frame";
    }

    static String quitMidObject(SoakConnection c) throws IOException, InterruptedException {
        c.sendRaw("{\"CHANNEL\":\"upp");
        c.flush();
        return null; // closing now is the point; others' round trips show it harmed nobody
    }

    static String flood(SoakConnection c) throws IOException, InterruptedException {
        try {
            c.sendRaw("{\"test\":\"f\"}".repeat(20_000)); // far over a burst, however slowly it is read
        } catch (IOException closedWhileSending) {
            // closed for flooding before all of it was written
        }
        // The server lingers half-closed, so its last word arrives although our flood is unread.
        JsonNode e = c.await(m -> m.path("error").asText().contains("closing the connection"), REPLY_MS);
        if (e == null) {
            return "a flood was not told why it is closed";
        }
        return c.awaitClosed(REPLY_MS) ? null : "a flood was not closed";
    }
}

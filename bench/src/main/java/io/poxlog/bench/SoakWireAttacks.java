package io.poxlog.bench;

import static io.poxlog.bench.SoakSessions.msg;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Nexus;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The hostile client's attacks on the messenger (issue 10, items 4, 5, 10 and 11): inviting
 * {@code GreetBot} into ever new channels and joining past the channel limit, objects just under
 * the frame limit, guessing tokens between valid ones, and idle connections. Each returns null
 * when the server answered as it should (refusals counted by kind), else what it did instead.
 */
final class SoakWireAttacks {
    private static final int MAX_CHANNELS = Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION;
    private static final String LIMIT_PER_CONNECTION = MAX_CHANNELS + " in all, the limit per connection";
    /** See AuthGate: refusals before a connection is closed. */
    private static final int AUTH_FAILURES = 3;

    private SoakWireAttacks() {
    }

    /**
     * Invites GreetBot into fresh channels, past the channels a connection may hold, in one burst:
     * exactly the limit are made and every one after is refused naming it; a join then too.
     */
    static String invites(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        int over = ThreadLocalRandom.current().nextInt(1, 20);
        c.sendRaw("{\"CHANNEL\":\"\",\"cmd\":\"invite\",\"bot\":\"GreetBot\"}".repeat(MAX_CHANNELS + over));
        int made = 0;
        for (int i = 0; i < MAX_CHANNELS + over; i++) {
            JsonNode m = c.await(x -> x.has("new_channel") || x.has("error"), SoakClient.REPLY_MS);
            if (m != null && m.has("new_channel")) {
                made++;
                continue;
            }
            String problem = r.expect("channels per connection (64)", m, "cannot invite 'GreetBot'", LIMIT_PER_CONNECTION);
            if (problem != null) {
                return "invitation " + (i + 1) + ": " + problem;
            }
        }
        if (made != MAX_CHANNELS) {
            return made + " invitations granted, not " + MAX_CHANNELS;
        }
        String ch = "hostile_" + UUID.randomUUID();
        c.send(msg("").put("cmd", "join_channel").put("channel", ch));
        String problem = r.expect("channels per connection (64)", SoakClient.errorOf(c), "cannot join '" + ch + "'",
                LIMIT_PER_CONNECTION);
        return problem != null ? problem : SoakSessions.roundTrip(c);
    }

    /** Joins as many channels as it may, then one more: refused naming the limit, and nothing made. */
    static String joins(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        String prefix = "hostile_" + UUID.randomUUID() + "_";
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < MAX_CHANNELS; i++) {
            all.append("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"").append(prefix).append(i).append("\"}");
        }
        c.sendRaw(all.toString());
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "joining " + MAX_CHANNELS + " channels: " + problem;
        }
        String ch = prefix + MAX_CHANNELS;
        c.send(msg("").put("cmd", "join_channel").put("channel", ch));
        problem = r.expect("channels per connection (64)", SoakClient.errorOf(c), "cannot join '" + ch
                + "': this connection is already in " + MAX_CHANNELS + " channels, the limit per connection");
        return problem != null ? problem : SoakSessions.roundTrip(c);
    }

    /** Valid objects of the frame limit and one byte under, back to back: each answered, none refused. */
    static String framesAtTheLimit(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        int n = ThreadLocalRandom.current().nextInt(2, 6);
        String head = "{\"test\":\"";
        List<Integer> sizes = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int size = SoakServer.MAX_FRAME_BYTES - (i % 2); // the limit, and one under
            sizes.add(size - head.length() - 2);
            all.append(head).append("x".repeat(size - head.length() - 2)).append("\"}");
        }
        c.sendRaw(all.toString());
        for (int i = 0; i < n; i++) {
            JsonNode m = c.await(x -> x.has("test") || x.has("error"), SoakClient.REPLY_MS);
            if (m == null || m.has("error") || m.get("test").asText().length() != sizes.get(i)) {
                return "object " + (i + 1) + " of " + n + " at the frame limit was answered with "
                        + (m == null ? "nothing" : SoakRefusals.preview(m.toString()));
            }
        }
        r.count("objects at the frame limit answered");
        return SoakSessions.roundTrip(c);
    }

    /**
     * Guesses tokens on a connection that authenticates with a valid one in between: the valid
     * ones are accepted, and the third wrong one closes the connection all the same.
     */
    static String guessTokens(SoakConnection c, SoakRefusals r, SoakServer server) throws IOException, InterruptedException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int failure = 1; failure <= AUTH_FAILURES; failure++) {
            if (random.nextBoolean()) {
                c.send(msg("").put("cmd", "auth").put("token", random.nextBoolean() ? server.readToken : server.adminToken));
                JsonNode ok = c.await(m -> "authenticated".equals(m.path("cmd").asText()) || m.has("error"),
                        SoakClient.REPLY_MS);
                if (ok == null || !"authenticated".equals(ok.path("cmd").asText())) {
                    return "a valid token between wrong ones was answered with " + ok;
                }
            }
            c.send(msg("").put("cmd", "auth").put("token", SoakClient.WRONG_TOKEN + random.nextInt(1_000_000)));
            String problem = r.expect("unknown token", SoakClient.errorOf(c), "authentication failed: unknown token",
                    failure < AUTH_FAILURES ? "(failure " + failure + " of " + AUTH_FAILURES + ")"
                            : AUTH_FAILURES + " failures, closing the connection");
            if (problem != null) {
                return "guess " + failure + ": " + problem;
            }
        }
        return c.awaitClosed(SoakClient.REPLY_MS) ? null : "not closed after " + AUTH_FAILURES + " wrong tokens";
    }

    /** Connections that authenticate and then say nothing, in no channel: each told and closed at the idle limit. */
    static String idle(SoakServer server, SoakRefusals r) throws InterruptedException {
        int n = ThreadLocalRandom.current().nextInt(1, 8);
        List<SoakConnection> idle = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                idle.add(new SoakConnection(server.address(), server.readToken));
            }
            long wait = SoakServer.IDLE_TIMEOUT.toMillis() + SoakClient.REPLY_MS;
            for (SoakConnection c : idle) {
                if (!c.awaitReady()) {
                    return c.failure();
                }
                String problem = r.expect("idle limit (" + SoakServer.IDLE_TIMEOUT.toSeconds() + " s)",
                        c.await(m -> "error".equals(m.path("cmd").asText()), wait),
                        "nothing sent for " + SoakServer.IDLE_TIMEOUT.toSeconds() + " s and no channel joined, the idle limit");
                if (problem != null) {
                    return problem;
                }
                if (!c.awaitClosed(SoakClient.REPLY_MS)) {
                    return "an idle connection was told, and not closed";
                }
            }
            return null;
        } finally {
            idle.forEach(SoakConnection::close);
        }
    }
}

package io.poxlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One simulated client of the soak: until told to stop, it connects, does one thing chosen at
 * random (good or bad), checks that the server answered as it should, and goes. Its log
 * subscription keeps one channel name and one {@link SeqTracker} across sessions, so every
 * subscribing session after the first is a resume with {@code since}. Runs on its own thread.
 */
final class SoakClient implements Runnable {
    static final long REPLY_MS = 5000;

    /** The behaviours and how often each is chosen, in tenths. */
    enum Behaviour {
        SUBSCRIBE(40), EXAMPLES(25), ADMIN(5), READ_SETS_LEVELS(5), NO_AUTH(5), WRONG_TOKEN(5), GARBAGE(4),
        INVALID_JSON(4), OVERSIZE(2), QUIT_MID_OBJECT(3), FLOOD(1), IDLE(1);

        final int weight;

        Behaviour(int weight) {
            this.weight = weight;
        }

        static Behaviour pick() {
            int total = 0;
            for (Behaviour b : values()) {
                total += b.weight;
            }
            int r = ThreadLocalRandom.current().nextInt(total);
            for (Behaviour b : values()) {
                r -= b.weight;
                if (r < 0) {
                    return b;
                }
            }
            return SUBSCRIBE;
        }
    }

    private final SoakServer server;
    private final SoakTally tally;
    private final BooleanSupplier running;
    final SeqTracker tracker = new SeqTracker();
    final String channel = "log_soak_" + UUID.randomUUID();

    SoakClient(SoakServer server, SoakTally tally, BooleanSupplier running) {
        this.server = server;
        this.tally = tally;
        this.running = running;
    }

    SoakServer server() {
        return server;
    }

    @Override
    public void run() {
        while (running.getAsBoolean()) {
            Behaviour b = Behaviour.pick();
            try {
                String problem = session(b);
                if (problem == null) {
                    tally.ok(b.name());
                } else {
                    tally.unexpected(b.name(), problem);
                }
            } catch (IOException e) {
                tally.unexpected(b.name(), e.toString());
            } catch (InterruptedException e) {
                return;
            }
            // Load shape, not a wait for anything: clients come back after a pause.
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 50_000_000));
        }
    }

    /** A token no controller of the soak knows. */
    static final String WRONG_TOKEN = "not-a-token-not-a-token";

    /** One session of that behaviour; null when the server answered as it should, else what went wrong. */
    String session(Behaviour b) throws IOException, InterruptedException {
        try (SoakConnection c = new SoakConnection(server.address(), tokenFor(b))) {
            if (b == Behaviour.WRONG_TOKEN) {
                return SoakSessions.wrongToken(c);
            }
            if (!c.awaitReady()) {
                return c.failure();
            }
            return switch (b) {
                case SUBSCRIBE -> subscribe(c);
                case EXAMPLES -> SoakSessions.examples(c);
                case ADMIN -> SoakSessions.admin(c);
                case READ_SETS_LEVELS -> SoakSessions.readSetsLevels(c);
                case NO_AUTH -> SoakSessions.noAuth(c);
                case WRONG_TOKEN -> throw new AssertionError("handled above");
                case GARBAGE -> SoakSessions.garbage(c);
                case INVALID_JSON -> SoakSessions.invalidJson(c);
                case OVERSIZE -> SoakSessions.oversize(c);
                case QUIT_MID_OBJECT -> SoakSessions.quitMidObject(c);
                case FLOOD -> SoakSessions.flood(c);
                case IDLE -> c.awaitClosed(SoakServer.HANDSHAKE_TIMEOUT.toMillis() + REPLY_MS) ? null
                        : "an idle unauthenticated connection was not closed";
            };
        }
    }

    /** The token the client authenticates with in the handshake; null for the sessions that do without. */
    private String tokenFor(Behaviour b) {
        return switch (b) {
            case SUBSCRIBE, EXAMPLES, READ_SETS_LEVELS, INVALID_JSON, OVERSIZE, FLOOD -> server.readToken;
            case ADMIN -> server.adminToken;
            case WRONG_TOKEN -> WRONG_TOKEN;
            case NO_AUTH, GARBAGE, QUIT_MID_OBJECT, IDLE -> null;
        };
    }

    /** Subscribes (resuming after the first time), stays a while, then leaves by disconnecting. */
    private String subscribe(SoakConnection c) throws IOException, InterruptedException {
        return resume(c, ThreadLocalRandom.current().nextLong(200, 3000), () -> false);
    }

    /**
     * Joins this client's log channel on {@code c} (authenticated with the read token), with
     * {@code since} when it has seen a record before, and reads records until {@code stayMs}
     * passed or {@code done} holds.
     */
    String resume(SoakConnection c, long stayMs, BooleanSupplier done) throws IOException, InterruptedException {
        if (!c.awaitReady()) {
            return c.failure();
        }
        c.onRecords(channel, tracker::accept);
        ObjectNode join = SoakConnection.MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "join_channel")
                .put("channel", channel);
        long last = tracker.last();
        if (last >= 0) {
            join.put("since", last);
            tracker.resumed();
        }
        c.send(join);
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "join: " + problem;
        }
        long until = System.nanoTime() + stayMs * 1_000_000;
        while (System.nanoTime() < until && !done.getAsBoolean()) {
            LockSupport.parkNanos(2_000_000);
        }
        return null;
    }

    static JsonNode errorOf(SoakConnection c) throws InterruptedException {
        return c.await(m -> "error".equals(m.path("cmd").asText()), REPLY_MS);
    }
}

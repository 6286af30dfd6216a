package io.poxlog.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * One hostile client of the soak (issue 10): until told to stop, it connects and makes one of the
 * issue's attacks, dealt at random from a {@link Deck} it shares with the other hostile clients,
 * and checks that the server refused it naming the limit, or held it to its limit, as it should;
 * then goes. Its sessions are tallied like the well-behaved
 * clients' (as {@code HOSTILE_<attack>}), its refusals counted by kind. It holds the admin token
 * for the attacks that need it (levels, injected records): the limits, not the rights, must stop
 * them. Runs on its own thread.
 */
final class SoakHostile implements Runnable {
    /** The attacks and how often each is made, relative to the others. */
    enum Attack {
        AMPLIFY(3), CUT_RECORD(2), AMPLIFIED_BATCH(1), REPLAYS(2), LOGGER_NAMES(3), SPEND_LOGGERS(1), GET_LEVELS(2),
        BAD_LEVELS(3), SINCE(2), CONTROL_CHARACTERS(2), INVITES(2), JOINS(2), FRAMES_AT_THE_LIMIT(2), GUESS_TOKENS(3),
        IDLE(1);

        final int weight;

        Attack(int weight) {
            this.weight = weight;
        }

        String tallied() {
            return "HOSTILE_" + name();
        }
    }

    /**
     * The attacks in a shuffled order, each as often as its weight, dealt to the hostile clients
     * in turn: random, yet even a short soak makes every one of them. Thread-safe.
     */
    static final class Deck {
        private final List<Attack> left = new ArrayList<>();

        synchronized Attack next() {
            if (left.isEmpty()) {
                for (Attack a : Attack.values()) {
                    left.addAll(Collections.nCopies(a.weight, a));
                }
                Collections.shuffle(left, ThreadLocalRandom.current());
            }
            return left.remove(left.size() - 1);
        }
    }

    private final SoakServer server;
    private final Deck deck;
    private final SoakTally tally;
    private final SoakRefusals refusals;
    private final BooleanSupplier running;

    SoakHostile(SoakServer server, Deck deck, SoakTally tally, SoakRefusals refusals, BooleanSupplier running) {
        this.server = server;
        this.deck = deck;
        this.tally = tally;
        this.refusals = refusals;
        this.running = running;
    }

    @Override
    public void run() {
        while (running.getAsBoolean()) {
            Attack a = deck.next();
            try {
                String problem = session(a);
                if (problem == null) {
                    tally.ok(a.tallied());
                } else {
                    tally.unexpected(a.tallied(), problem);
                }
            } catch (IOException e) {
                tally.unexpected(a.tallied(), e.toString());
            } catch (InterruptedException e) {
                return;
            }
            // Load shape, not a wait for anything: the attacker comes back after a pause.
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1_000_000, 50_000_000));
        }
    }

    /** One session of that attack; null when the server answered as it should, else what went wrong. */
    String session(Attack a) throws IOException, InterruptedException {
        if (a == Attack.IDLE) {
            return SoakWireAttacks.idle(server, refusals);
        }
        int maxRecordBytes = server.service.config().maxRecordBytes();
        try (SoakConnection c = new SoakConnection(server.address(), tokenFor(a))) {
            if (!c.awaitReady()) {
                return c.failure();
            }
            return switch (a) {
                case AMPLIFY -> SoakLogAttacks.amplify(c, refusals, maxRecordBytes);
                case CUT_RECORD -> SoakLogAttacks.cut(c, refusals, maxRecordBytes);
                case AMPLIFIED_BATCH -> SoakStallAttacks.amplifiedBatch(c, refusals, server);
                case REPLAYS -> SoakStallAttacks.replays(c, refusals);
                case LOGGER_NAMES -> SoakLevelAttacks.loggerNames(c, refusals);
                case SPEND_LOGGERS -> SoakLevelAttacks.spendLoggers(c, refusals);
                case GET_LEVELS -> SoakLevelAttacks.getLevels(c, refusals);
                case BAD_LEVELS -> SoakLevelAttacks.badLevels(c, refusals);
                case SINCE -> SoakLogAttacks.since(c, refusals, server);
                case CONTROL_CHARACTERS -> SoakLogAttacks.controlCharacters(c, refusals);
                case INVITES -> SoakWireAttacks.invites(c, refusals);
                case JOINS -> SoakWireAttacks.joins(c, refusals);
                case FRAMES_AT_THE_LIMIT -> SoakWireAttacks.framesAtTheLimit(c, refusals);
                case GUESS_TOKENS -> SoakWireAttacks.guessTokens(c, refusals, server);
                case IDLE -> throw new AssertionError("handled above");
            };
        }
    }

    /** Admin where the attack injects or sets levels; none to guess tokens; read for the rest. */
    private String tokenFor(Attack a) {
        return switch (a) {
            case CUT_RECORD, LOGGER_NAMES, SPEND_LOGGERS, BAD_LEVELS, CONTROL_CHARACTERS -> server.adminToken;
            case GUESS_TOKENS -> null;
            default -> server.readToken;
        };
    }
}

package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.model.LevelDurations;
import java.util.concurrent.CompletableFuture;

/**
 * What became of one level change on one controller ({@link LogSubscription#changeLevel}), in
 * words for the user. Immutable.
 *
 * @param kind how it went
 * @param text what to say, without the controller's name: {@code applied}, {@code applied for
 *     5m0s, then INFO}, {@code refused: changing log levels needs the 'admin' right ...}
 */
public record LevelOutcome(Kind kind, String text) {
    /** How a change went. */
    public enum Kind {
        /** The controller made it (for a timed change, as asked). */
        APPLIED,
        /** The controller made it for less time than asked, or timed it unasked: its {@code --max_level_for}. */
        CAPPED,
        /** The controller answered an error: nothing changed. */
        REFUSED,
        /** Not sent: not connected, the controller cannot time a change, or it is not reading. */
        NOT_SENT,
        /** Sent to a controller that confirms nothing (POX), or whose answer did not come. */
        UNCONFIRMED
    }

    static LevelOutcome of(Kind kind, String text) {
        return new LevelOutcome(kind, text);
    }

    static CompletableFuture<LevelOutcome> done(Kind kind, String text) {
        return CompletableFuture.completedFuture(of(kind, text));
    }

    /** A {@code levels_timed} answer in words: for how long, then what; capped if the controller says so. */
    static LevelOutcome timed(ObjectNode answer, String logger, long asked) {
        JsonNode l = answer.path("levels_timed").path(logger);
        long seconds = answer.path("for").asLong(asked);
        String then = l.path("revert_to").isTextual() ? l.path("revert_to").asText() : "inherits";
        String time = LevelDurations.left(seconds);
        if (answer.path("capped").asBoolean(false)) {
            return of(Kind.CAPPED, "capped: applied for " + time + " only, then " + then
                    + " (its --max_level_for is " + answer.path("max_level_for").asLong(seconds) + " s)");
        }
        return of(Kind.APPLIED, "applied for " + time + ", then " + then);
    }
}

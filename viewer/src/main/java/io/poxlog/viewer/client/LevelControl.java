package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;

/**
 * A {@link LogSubscription}'s level commands to its controller (PROTOCOL.md §5.3, §5.4): set a
 * logger's level, timed or not, with or without waiting to hear how it went, and ask for the
 * levels. Each is refused, in words, where the controller's welcome says it would not understand
 * it: plain POX, an older controller, no log service. Not for the subscription itself (its join,
 * resume and records), which {@link LogSubscription} keeps.
 *
 * <p>Any thread; never blocks: what waits for the controller is a future, completed on the
 * client's reading thread (or at once when nothing is sent).
 */
final class LevelControl {
    private static final String NO_LOG_SERVICE = "this controller has no log service: start it with messenger.log_service";

    private final String source;
    private final String channel;
    private final MessengerClient client;
    /** Whether the subscription is live (status CONNECTED): levels are set on its channel. */
    private final BooleanSupplier subscribed;

    LevelControl(String source, String channel, MessengerClient client, BooleanSupplier subscribed) {
        this.source = source;
        this.channel = channel;
        this.client = client;
        this.subscribed = subscribed;
    }

    /** See {@link LogSubscription#setLevel(String, String, long)}. */
    SendResult setLevel(String logger, String level, long forSeconds) {
        if (!subscribed.getAsBoolean()) {
            return SendResult.notSent(source + " is not connected");
        }
        Welcome w = client.welcome();
        if (forSeconds > 0 && (w == null || !w.has("level_for"))) {
            return SendResult.notSent(source + " does not take timed level changes (its welcome lists no level_for)");
        }
        return client.send(SubscriptionMessages.setLevels(channel, Map.of(logger, level), forSeconds));
    }

    /** See {@link LogSubscription#changeLevel}. */
    CompletableFuture<LevelOutcome> changeLevel(String logger, String level, long forSeconds) {
        if (!subscribed.getAsBoolean()) {
            return LevelOutcome.done(LevelOutcome.Kind.NOT_SENT, "not sent: not connected");
        }
        Welcome w = client.welcome();
        if (w == null) {
            return LevelOutcome.done(LevelOutcome.Kind.NOT_SENT, "not sent: not connected");
        }
        if (forSeconds > 0 && !w.has("level_for")) {
            return LevelOutcome.done(LevelOutcome.Kind.NOT_SENT, "not sent: it does not take timed level changes (its welcome lists no level_for)");
        }
        ObjectNode msg = SubscriptionMessages.setLevels(channel, Map.of(logger, level), forSeconds);
        if (w.isPox()) {
            SendResult r = client.send(msg);
            return r.queued() ? LevelOutcome.done(LevelOutcome.Kind.UNCONFIRMED, "sent (a POX controller does not confirm)")
                    : LevelOutcome.done(LevelOutcome.Kind.NOT_SENT, "not sent: " + r.reason());
        }
        CompletableFuture<ObjectNode> answer = client.request(msg);
        CompletableFuture<ObjectNode> probe = client.request(SubscriptionMessages.test(channel));
        return probe.handle((r, e) -> {
            if (!answer.isDone()) {
                answer.cancel(false); // an untimed change that passed is not answered
                if (e != null) {
                    return LevelOutcome.of(LevelOutcome.Kind.UNCONFIRMED, "no answer: " + causeOf(e).getMessage());
                }
                return forSeconds > 0 ? LevelOutcome.of(LevelOutcome.Kind.UNCONFIRMED, "sent; the controller did not confirm the time")
                        : LevelOutcome.of(LevelOutcome.Kind.APPLIED, "applied");
            }
            if (answer.isCompletedExceptionally()) {
                Throwable why = causeOf(answer.handle((x, t) -> t).join());
                return why instanceof ServerErrorException ? LevelOutcome.of(LevelOutcome.Kind.REFUSED, "refused: " + why.getMessage())
                        : LevelOutcome.of(LevelOutcome.Kind.NOT_SENT, String.valueOf(why.getMessage()));
            }
            return LevelOutcome.timed(answer.join(), logger, forSeconds);
        });
    }

    private static Throwable causeOf(Throwable t) {
        return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    }

    /** See {@link LogSubscription#getLevels(String, int)}. */
    CompletableFuture<JsonNode> getLevels(String prefix, int limit) {
        Welcome w = client.welcome();
        if (w == null) {
            return failed(source + " is not connected");
        }
        if (!w.servesLog()) {
            return failed(NO_LOG_SERVICE);
        }
        if (!w.has("get_levels")) {
            return failed(w.isPox() ? "a POX controller does not report its levels (no get_levels)"
                    : source + " does not report its levels (no get_levels)");
        }
        return client.request(SubscriptionMessages.getLevels(prefix, limit)).thenApply(r -> {
            JsonNode levels = r.get("levels");
            if (levels == null || !levels.isObject()) {
                throw new IllegalStateException(source + " answered get_levels without levels: " + r);
            }
            return levels;
        });
    }

    private static CompletableFuture<JsonNode> failed(String why) {
        return CompletableFuture.failedFuture(new IOException(why));
    }
}

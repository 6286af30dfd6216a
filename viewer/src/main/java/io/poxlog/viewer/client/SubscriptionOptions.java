package io.poxlog.viewer.client;

import java.time.Duration;
import java.util.Map;

/**
 * How a {@link LogSubscription} subscribes, and how its client connects. Immutable.
 *
 * @param backlog records to ask for on the first connection ({@code backlog}), the last ones that
 *     pass {@code filter}; 0 for none, {@link #ALL_RETAINED} for every one retained
 * @param setLevels controller levels to set on every connection, logger to level ("" = root);
 *     empty to change nothing
 * @param filter the filters the controller is asked to apply, in every join (see {@link ServerFilter})
 * @param endProbe whether to learn where the first connection's backlog ends ({@link
 *     LogListener#onBacklogEnd}): for a viewer that prints what is retained and exits
 * @param client how to connect: token, TLS, reconnect delays (see {@link ClientOptions})
 * @param levelsFor when above 0, {@code setLevels} is timed: the controller puts the levels back
 *     after this many seconds (PROTOCOL.md §5.4); set on the first connection only, so that a
 *     reconnect does not make the time start again, and never on a controller that cannot time it
 */
public record SubscriptionOptions(int backlog, Map<String, String> setLevels, ServerFilter filter, boolean endProbe,
                                  ClientOptions client, long levelsFor) {
    /** A backlog of every record the controller retains (that passes the filter). */
    public static final int ALL_RETAINED = Integer.MAX_VALUE;

    public SubscriptionOptions {
        setLevels = Map.copyOf(setLevels);
        if (levelsFor < 0) {
            throw new IllegalArgumentException("levelsFor must be 0 (untimed) or more, not " + levelsFor);
        }
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must be 0 or more, not " + backlog);
        }
    }

    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(0, Map.of(), ServerFilter.NONE, false,
                ClientOptions.defaults().withThreadName("pox-log"), 0);
    }

    public SubscriptionOptions withBacklog(int n) {
        return new SubscriptionOptions(n, setLevels, filter, endProbe, client, levelsFor);
    }

    public SubscriptionOptions withSetLevels(Map<String, String> levels) {
        return new SubscriptionOptions(backlog, levels, filter, endProbe, client, levelsFor);
    }

    /** The levels of {@link #withSetLevels} for {@code seconds} only (0: untimed). */
    public SubscriptionOptions withLevelsFor(long seconds) {
        return new SubscriptionOptions(backlog, setLevels, filter, endProbe, client, seconds);
    }

    public SubscriptionOptions withFilter(ServerFilter f) {
        return new SubscriptionOptions(backlog, setLevels, f, endProbe, client, levelsFor);
    }

    /** Learn where the backlog ends, and connect once: for a viewer that prints what is retained and exits. */
    public SubscriptionOptions once() {
        return new SubscriptionOptions(backlog, setLevels, filter, true, client.once(), levelsFor);
    }

    public SubscriptionOptions withClient(ClientOptions c) {
        return new SubscriptionOptions(backlog, setLevels, filter, endProbe, c, levelsFor);
    }

    /** The first reconnect delay and the longest (see {@link ClientOptions#firstRetry}). */
    public SubscriptionOptions withRetry(Duration first, Duration max) {
        return withClient(client.withRetry(first, max));
    }

    /** The token to authenticate with (see {@link ClientToken}); null for none. */
    public SubscriptionOptions withToken(String t) {
        return withClient(client.withToken(t));
    }

    /** TLS to the controller (see {@link ClientTls}); null for plain TCP. */
    public SubscriptionOptions withTls(ClientTls t) {
        return withClient(client.withTls(t));
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "SubscriptionOptions[backlog=" + backlog + ", setLevels=" + setLevels
                + (levelsFor > 0 ? " for " + levelsFor + " s" : "") + ", " + filter
                + (endProbe ? ", endProbe" : "") + ", " + client + "]";
    }
}

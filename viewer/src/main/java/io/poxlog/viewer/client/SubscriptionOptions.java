package io.poxlog.viewer.client;

import java.time.Duration;
import java.util.Map;

/**
 * How a {@link LogSubscription} subscribes, and how its client connects. Immutable.
 *
 * @param backlog records to ask for on the first connection ({@code backlog}); 0 for none
 * @param setLevels controller levels to set on every connection, logger to level ("" = root);
 *     empty to change nothing
 * @param client how to connect: token, TLS, reconnect delays (see {@link ClientOptions})
 */
public record SubscriptionOptions(int backlog, Map<String, String> setLevels, ClientOptions client) {
    public SubscriptionOptions {
        setLevels = Map.copyOf(setLevels);
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must be 0 or more, not " + backlog);
        }
    }

    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(0, Map.of(), ClientOptions.defaults().withThreadName("pox-log"));
    }

    public SubscriptionOptions withBacklog(int n) {
        return new SubscriptionOptions(n, setLevels, client);
    }

    public SubscriptionOptions withSetLevels(Map<String, String> levels) {
        return new SubscriptionOptions(backlog, levels, client);
    }

    public SubscriptionOptions withClient(ClientOptions c) {
        return new SubscriptionOptions(backlog, setLevels, c);
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
        return "SubscriptionOptions[backlog=" + backlog + ", setLevels=" + setLevels + ", " + client + "]";
    }
}

package io.poxlog.viewer.client;

import java.time.Duration;
import java.util.Map;

/**
 * How a {@link LogSubscriber} subscribes.
 *
 * @param backlog records to ask for on the first connection ({@code backlog}); 0 for none
 * @param setLevels controller levels to set on every connection, logger to level ("" = root);
 *     empty to change nothing
 * @param firstRetry the first reconnect delay; it doubles up to {@code maxRetry}
 * @param maxRetry the longest reconnect delay
 * @param token sent in an {@code auth} command when the controller's welcome says
 *     {@code auth_required}; null for none
 * @param tls how to speak TLS to the controller; null for plain TCP
 */
public record SubscriberOptions(int backlog, Map<String, String> setLevels, Duration firstRetry, Duration maxRetry,
                                String token, ClientTls tls) {
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(30);

    public SubscriberOptions {
        setLevels = Map.copyOf(setLevels);
        if (backlog < 0) {
            throw new IllegalArgumentException("backlog must be 0 or more, not " + backlog);
        }
    }

    public SubscriberOptions(int backlog, Map<String, String> setLevels, Duration firstRetry, Duration maxRetry) {
        this(backlog, setLevels, firstRetry, maxRetry, null, null);
    }

    public static SubscriberOptions defaults() {
        return new SubscriberOptions(0, Map.of(), DEFAULT_FIRST_RETRY, DEFAULT_MAX_RETRY);
    }

    public SubscriberOptions withBacklog(int n) {
        return new SubscriberOptions(n, setLevels, firstRetry, maxRetry, token, tls);
    }

    public SubscriberOptions withSetLevels(Map<String, String> levels) {
        return new SubscriberOptions(backlog, levels, firstRetry, maxRetry, token, tls);
    }

    public SubscriberOptions withRetry(Duration first, Duration max) {
        return new SubscriberOptions(backlog, setLevels, first, max, token, tls);
    }

    /** The token to authenticate with (see {@link ClientToken}); null for none. */
    public SubscriberOptions withToken(String t) {
        return new SubscriberOptions(backlog, setLevels, firstRetry, maxRetry, t, tls);
    }

    /** TLS to the controller (see {@link ClientTls}); null for plain TCP. */
    public SubscriberOptions withTls(ClientTls t) {
        return new SubscriberOptions(backlog, setLevels, firstRetry, maxRetry, token, t);
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "SubscriberOptions[backlog=" + backlog + ", setLevels=" + setLevels + ", retry=" + firstRetry + ".."
                + maxRetry + ", token=" + (token == null ? "none" : "given") + ", tls=" + (tls == null ? "off" : tls) + "]";
    }
}

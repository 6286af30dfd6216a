package io.poxlog.viewer.client;

import java.time.Duration;

/**
 * How a {@link MessengerClient} connects. Immutable; {@link #defaults} and the {@code with}
 * methods make the variants.
 *
 * @param token sent in an {@code auth} command when the welcome says {@code auth_required}; null for none
 * @param tls how to speak TLS; null for plain TCP
 * @param firstRetry the first reconnect delay; it doubles for every failure up to {@code maxRetry}
 * @param maxRetry the longest reconnect delay
 * @param reconnect whether a connection that ends is made again (false: the client ends with it)
 * @param proceedWithoutToken when the welcome asks for a token and none is given: true goes on
 *     unauthenticated (test-client: the user may type the {@code auth} command), false refuses
 * @param timeout for connecting, TLS, the welcome and the answer to {@code auth}; also how long
 *     a {@link MessengerClient#request} waits for its reply
 * @param maxMessageBytes the largest message kept; larger ones are read and dropped, and reported
 * @param outboundLimit messages that may wait to be written; past it {@link MessengerClient#send} fails
 * @param threadName the prefix of the client's thread names
 * @param resetOnClose close connections with a TCP reset (SO_LINGER 0), leaving no TIME_WAIT
 *     socket behind: for load tools that open thousands
 */
public record ClientOptions(String token, ClientTls tls, Duration firstRetry, Duration maxRetry, boolean reconnect,
                            boolean proceedWithoutToken, Duration timeout, int maxMessageBytes, int outboundLimit,
                            String threadName, boolean resetOnClose) {
    public static final Duration DEFAULT_FIRST_RETRY = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_RETRY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    /**
     * 4 MiB: four times the largest message our controllers accept from a client (1 MiB), so any
     * record a controller sends in earnest fits; a larger one is dropped, not buffered.
     */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** Level changes and commands are a few a second at most: 1,000 waiting means nobody reads them. */
    public static final int DEFAULT_OUTBOUND_LIMIT = 1000;

    public ClientOptions {
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalArgumentException("retry delays must be positive, the first no longer than the longest: "
                    + firstRetry + ", " + maxRetry);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, not " + timeout);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("the largest message must be at least 1024 bytes, not " + maxMessageBytes);
        }
        if (outboundLimit < 1) {
            throw new IllegalArgumentException("the outbound limit must be at least 1, not " + outboundLimit);
        }
    }

    public static ClientOptions defaults() {
        return new ClientOptions(null, null, DEFAULT_FIRST_RETRY, DEFAULT_MAX_RETRY, true, false, DEFAULT_TIMEOUT,
                DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_OUTBOUND_LIMIT, "messenger-client", false);
    }

    /** The token to authenticate with (see {@link ClientToken}); null for none. */
    public ClientOptions withToken(String t) {
        return new ClientOptions(t, tls, firstRetry, maxRetry, reconnect, proceedWithoutToken, timeout, maxMessageBytes,
                outboundLimit, threadName, resetOnClose);
    }

    /** TLS to the controller (see {@link ClientTls}); null for plain TCP. */
    public ClientOptions withTls(ClientTls t) {
        return new ClientOptions(token, t, firstRetry, maxRetry, reconnect, proceedWithoutToken, timeout, maxMessageBytes,
                outboundLimit, threadName, resetOnClose);
    }

    public ClientOptions withRetry(Duration first, Duration max) {
        return new ClientOptions(token, tls, first, max, reconnect, proceedWithoutToken, timeout, maxMessageBytes,
                outboundLimit, threadName, resetOnClose);
    }

    /** One connection only: when it fails or ends, the client is CLOSED. */
    public ClientOptions once() {
        return new ClientOptions(token, tls, firstRetry, maxRetry, false, proceedWithoutToken, timeout, maxMessageBytes,
                outboundLimit, threadName, resetOnClose);
    }

    /** Without a token, go on when the welcome asks for one (the user authenticates by hand). */
    public ClientOptions proceedingWithoutToken() {
        return new ClientOptions(token, tls, firstRetry, maxRetry, reconnect, true, timeout, maxMessageBytes,
                outboundLimit, threadName, resetOnClose);
    }

    public ClientOptions withTimeout(Duration t) {
        return new ClientOptions(token, tls, firstRetry, maxRetry, reconnect, proceedWithoutToken, t, maxMessageBytes,
                outboundLimit, threadName, resetOnClose);
    }

    public ClientOptions withMaxMessageBytes(int n) {
        return new ClientOptions(token, tls, firstRetry, maxRetry, reconnect, proceedWithoutToken, timeout, n,
                outboundLimit, threadName, resetOnClose);
    }

    public ClientOptions withOutboundLimit(int n) {
        return new ClientOptions(token, tls, firstRetry, maxRetry, reconnect, proceedWithoutToken, timeout, maxMessageBytes,
                n, threadName, resetOnClose);
    }

    public ClientOptions withThreadName(String name) {
        return new ClientOptions(token, tls, firstRetry, maxRetry, reconnect, proceedWithoutToken, timeout, maxMessageBytes,
                outboundLimit, name, resetOnClose);
    }

    public ClientOptions resettingOnClose() {
        return new ClientOptions(token, tls, firstRetry, maxRetry, reconnect, proceedWithoutToken, timeout, maxMessageBytes,
                outboundLimit, threadName, true);
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "ClientOptions[token=" + (token == null ? "none" : "given") + ", tls=" + (tls == null ? "off" : tls)
                + ", retry=" + firstRetry + ".." + maxRetry + (reconnect ? "" : ", once") + ", timeout=" + timeout
                + ", maxMessageBytes=" + maxMessageBytes + ", outboundLimit=" + outboundLimit + "]";
    }
}

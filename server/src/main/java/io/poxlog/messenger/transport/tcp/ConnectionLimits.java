package io.poxlog.messenger.transport.tcp;

import java.time.Duration;

/**
 * What one TCP transport allows its clients, so that no client, and no crowd of them, can take
 * the messenger down. Each limit, when hit, is answered with an error naming it.
 *
 * @param maxConnections connections accepted at once; more are sent an error and closed
 * @param messagesPerSecond inbound messages per second per connection, on average
 * @param messageBurst inbound messages a connection may send at once above that average
 * @param handshakeTimeout how long a connection may take to authenticate, when tokens are required
 */
public record ConnectionLimits(int maxConnections, int messagesPerSecond, int messageBurst, Duration handshakeTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MESSAGES_PER_SECOND = 1000;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MESSAGES_PER_SECOND, 2 * DEFAULT_MESSAGES_PER_SECOND, DEFAULT_HANDSHAKE_TIMEOUT);

    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be at least 1, not " + maxConnections);
        }
        if (messagesPerSecond < 1 || messageBurst < 1) {
            throw new IllegalArgumentException("messagesPerSecond and messageBurst must be at least 1, not "
                    + messagesPerSecond + " and " + messageBurst);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, not " + handshakeTimeout);
        }
    }

    public ConnectionLimits withMaxConnections(int n) {
        return new ConnectionLimits(n, messagesPerSecond, messageBurst, handshakeTimeout);
    }

    /** A rate, with a burst of twice that rate. */
    public ConnectionLimits withMessagesPerSecond(int rate) {
        return new ConnectionLimits(maxConnections, rate, 2 * rate, handshakeTimeout);
    }

    public ConnectionLimits withMessageRate(int rate, int burst) {
        return new ConnectionLimits(maxConnections, rate, burst, handshakeTimeout);
    }

    public ConnectionLimits withHandshakeTimeout(Duration timeout) {
        return new ConnectionLimits(maxConnections, messagesPerSecond, messageBurst, timeout);
    }
}

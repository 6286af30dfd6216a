package io.poxlog.messenger.transport.netty;

import java.time.Duration;

/**
 * What one TCP transport allows its clients, so that no client, and no crowd of them, can take
 * the messenger down. Each limit, when hit, is answered with an error naming it.
 *
 * @param maxConnections connections accepted at once; more are sent an error and closed
 * @param maxConnectionsPerAddress connections accepted at once from one source address (an IPv4
 *        address, an IPv6 /64), so that one host cannot take every connection
 * @param messagesPerSecond inbound messages per second per connection, on average
 * @param messageBurst inbound messages a connection may send at once above that average
 * @param handshakeTimeout how long a connection may take to authenticate, when tokens are required
 * @param idleTimeout how long a connection that has joined no channel may send nothing before it
 *        is closed, so that idle connections cannot hold every slot; zero: never
 */
public record ConnectionLimits(int maxConnections, int maxConnectionsPerAddress, int messagesPerSecond,
                               int messageBurst, Duration handshakeTimeout, Duration idleTimeout) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;
    public static final int DEFAULT_MESSAGES_PER_SECOND = 1000;
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MESSAGES_PER_SECOND, 2 * DEFAULT_MESSAGES_PER_SECOND,
            DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_IDLE_TIMEOUT);

    public ConnectionLimits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerAddress must be at least 1, not "
                    + maxConnections + " and " + maxConnectionsPerAddress);
        }
        if (messagesPerSecond < 1 || messageBurst < 1) {
            throw new IllegalArgumentException("messagesPerSecond and messageBurst must be at least 1, not "
                    + messagesPerSecond + " and " + messageBurst);
        }
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
            throw new IllegalArgumentException("handshakeTimeout must be positive, not " + handshakeTimeout);
        }
        if (idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be positive, or zero for none, not " + idleTimeout);
        }
    }

    public ConnectionLimits withMaxConnections(int n) {
        return new ConnectionLimits(n, maxConnectionsPerAddress, messagesPerSecond, messageBurst, handshakeTimeout,
                idleTimeout);
    }

    public ConnectionLimits withMaxConnectionsPerAddress(int n) {
        return new ConnectionLimits(maxConnections, n, messagesPerSecond, messageBurst, handshakeTimeout, idleTimeout);
    }

    /** A rate, with a burst of twice that rate. */
    public ConnectionLimits withMessagesPerSecond(int rate) {
        return withMessageRate(rate, 2 * rate);
    }

    public ConnectionLimits withMessageRate(int rate, int burst) {
        return new ConnectionLimits(maxConnections, maxConnectionsPerAddress, rate, burst, handshakeTimeout,
                idleTimeout);
    }

    public ConnectionLimits withHandshakeTimeout(Duration timeout) {
        return new ConnectionLimits(maxConnections, maxConnectionsPerAddress, messagesPerSecond, messageBurst, timeout,
                idleTimeout);
    }

    /** Zero: idle connections are never closed. */
    public ConnectionLimits withIdleTimeout(Duration timeout) {
        return new ConnectionLimits(maxConnections, maxConnectionsPerAddress, messagesPerSecond, messageBurst,
                handshakeTimeout, timeout);
    }
}

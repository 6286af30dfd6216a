package io.poxlog.web;

import java.time.Duration;

/**
 * What {@code web.webcore} allows its clients, so that no client, and no crowd of them, can take
 * the server down. Each limit, when hit, is answered with an HTTP status and a JSON error naming
 * the limit and its number.
 *
 * @param maxConnections connections open at once; more are answered 503 and closed
 * @param maxConnectionsPerAddress connections open at once from one source address (an IPv4
 *        address, an IPv6 /64); more are answered 429 and closed
 * @param maxHeaderBytes the request line, and the headers together, may each be this long;
 *        longer is answered 414 (the line) or 431 (the headers)
 * @param maxBodyBytes the largest request body; larger is answered 413
 * @param idleTimeout how long a connection may wait between requests before it is closed, and
 *        how long a request may take to arrive whole (408 then); zero: never
 * @param maxHold how long a handler may keep a request unanswered (a long poll) before the
 *        server answers for it
 */
public record WebLimits(int maxConnections, int maxConnectionsPerAddress, int maxHeaderBytes, int maxBodyBytes,
                        Duration idleTimeout, Duration maxHold) {
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;
    public static final int DEFAULT_MAX_HEADER_BYTES = 8192;
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_HOLD = Duration.ofSeconds(60);
    /** Requests a client may send ahead of an answer (HTTP pipelining) before it is answered 429. */
    public static final int MAX_PIPELINED = 16;

    public static final WebLimits DEFAULTS = new WebLimits(DEFAULT_MAX_CONNECTIONS,
            DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_BODY_BYTES,
            DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_HOLD);

    public WebLimits {
        if (maxConnections < 1 || maxConnectionsPerAddress < 1) {
            throw new IllegalArgumentException("maxConnections and maxConnectionsPerAddress must be at least 1, not "
                    + maxConnections + " and " + maxConnectionsPerAddress);
        }
        if (maxHeaderBytes < 256) {
            throw new IllegalArgumentException("maxHeaderBytes must be at least 256, not " + maxHeaderBytes);
        }
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must be at least 0, not " + maxBodyBytes);
        }
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idleTimeout must be positive, or zero for none, not " + idleTimeout);
        }
        if (maxHold == null || maxHold.isNegative() || maxHold.isZero()) {
            throw new IllegalArgumentException("maxHold must be positive, not " + maxHold);
        }
    }

    public WebLimits withMaxConnections(int n) {
        return new WebLimits(n, maxConnectionsPerAddress, maxHeaderBytes, maxBodyBytes, idleTimeout, maxHold);
    }

    public WebLimits withMaxConnectionsPerAddress(int n) {
        return new WebLimits(maxConnections, n, maxHeaderBytes, maxBodyBytes, idleTimeout, maxHold);
    }

    public WebLimits withMaxHeaderBytes(int n) {
        return new WebLimits(maxConnections, maxConnectionsPerAddress, n, maxBodyBytes, idleTimeout, maxHold);
    }

    public WebLimits withMaxBodyBytes(int n) {
        return new WebLimits(maxConnections, maxConnectionsPerAddress, maxHeaderBytes, n, idleTimeout, maxHold);
    }

    /** Zero: idle connections are never closed, and requests may take any time to arrive. */
    public WebLimits withIdleTimeout(Duration d) {
        return new WebLimits(maxConnections, maxConnectionsPerAddress, maxHeaderBytes, maxBodyBytes, d, maxHold);
    }

    public WebLimits withMaxHold(Duration d) {
        return new WebLimits(maxConnections, maxConnectionsPerAddress, maxHeaderBytes, maxBodyBytes, idleTimeout, d);
    }
}

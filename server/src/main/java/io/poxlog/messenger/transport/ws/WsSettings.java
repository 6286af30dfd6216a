package io.poxlog.messenger.transport.ws;

import io.poxlog.messenger.transport.netty.ConnectionLimits;
import java.time.Duration;

/**
 * The bounds of the WebSocket transport. Connections in all and per address are web.webcore's
 * (a WebSocket is one of its connections until it closes); the rest are the TCP transport's.
 *
 * @param maxFrameBytes the largest message a peer may send, counted over its fragments (PROTOCOL.md §12)
 * @param maxPendingBytes output waiting for a peer that does not read, past which it is closed
 * @param writeLowWaterMark output below which a connection is writable again
 * @param writeHighWaterMark output above which a connection is a slow consumer
 * @param pingInterval how often the server pings; a connection that answered none of the last two is closed
 * @param limits message rate, handshake time and idle time (its connection counts are not used here)
 */
public record WsSettings(int maxFrameBytes, long maxPendingBytes, int writeLowWaterMark, int writeHighWaterMark,
                         Duration pingInterval, ConnectionLimits limits) {
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_WRITE_LOW_WATER_MARK = 1024 * 1024;
    public static final int DEFAULT_WRITE_HIGH_WATER_MARK = 4 * 1024 * 1024;
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

    public static final WsSettings DEFAULTS = new WsSettings(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_PENDING_BYTES,
            DEFAULT_WRITE_LOW_WATER_MARK, DEFAULT_WRITE_HIGH_WATER_MARK, DEFAULT_PING_INTERVAL, ConnectionLimits.DEFAULTS);

    public WsSettings {
        if (maxFrameBytes < 64) {
            throw new IllegalArgumentException("maxFrameBytes must be at least 64, not " + maxFrameBytes);
        }
        if (writeLowWaterMark < 1 || writeHighWaterMark < writeLowWaterMark) {
            throw new IllegalArgumentException("write water marks must satisfy 0 < low <= high, not "
                    + writeLowWaterMark + " and " + writeHighWaterMark);
        }
        if (maxPendingBytes < writeHighWaterMark) {
            throw new IllegalArgumentException("maxPendingBytes (" + maxPendingBytes
                    + ") must be at least the high-water mark (" + writeHighWaterMark + ")");
        }
        if (pingInterval == null || pingInterval.isNegative() || pingInterval.isZero()) {
            throw new IllegalArgumentException("pingInterval must be positive, not " + pingInterval);
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must be given");
        }
    }

    public WsSettings withMaxFrameBytes(int bytes) {
        return new WsSettings(bytes, maxPendingBytes, writeLowWaterMark, writeHighWaterMark, pingInterval, limits);
    }

    public WsSettings withLimits(ConnectionLimits l) {
        return new WsSettings(maxFrameBytes, maxPendingBytes, writeLowWaterMark, writeHighWaterMark, pingInterval, l);
    }

    public WsSettings withPingInterval(Duration d) {
        return new WsSettings(maxFrameBytes, maxPendingBytes, writeLowWaterMark, writeHighWaterMark, d, limits);
    }

    /** Smaller marks and pending bound, for tests of slow consumers. */
    public WsSettings withOutput(long pending, int low, int high) {
        return new WsSettings(maxFrameBytes, pending, low, high, pingInterval, limits);
    }
}

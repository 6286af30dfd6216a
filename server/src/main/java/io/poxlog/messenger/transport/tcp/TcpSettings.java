package io.poxlog.messenger.transport.tcp;

import io.poxlog.messenger.transport.netty.ConnectionLimits;

/**
 * The bounds of one TCP transport.
 *
 * @param maxFrameBytes the largest JSON object a peer may send (PROTOCOL.md §1)
 * @param maxPendingBytes output waiting for a peer that does not read, past which it is closed
 * @param writeLowWaterMark output below which a connection is writable again
 * @param writeHighWaterMark output above which a connection is a slow consumer
 * @param limits connections, message rate and handshake time allowed to clients
 */
public record TcpSettings(int maxFrameBytes, long maxPendingBytes, int writeLowWaterMark, int writeHighWaterMark,
                          ConnectionLimits limits) {
    public static final int DEFAULT_MAX_FRAME_BYTES = 1024 * 1024;
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_WRITE_LOW_WATER_MARK = 1024 * 1024;
    public static final int DEFAULT_WRITE_HIGH_WATER_MARK = 4 * 1024 * 1024;

    public static final TcpSettings DEFAULTS = new TcpSettings(DEFAULT_MAX_FRAME_BYTES,
            DEFAULT_MAX_PENDING_BYTES, DEFAULT_WRITE_LOW_WATER_MARK, DEFAULT_WRITE_HIGH_WATER_MARK,
            ConnectionLimits.DEFAULTS);

    public TcpSettings {
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
        if (limits == null) {
            throw new IllegalArgumentException("limits must be given");
        }
    }

    public TcpSettings withMaxFrameBytes(int bytes) {
        return new TcpSettings(bytes, maxPendingBytes, writeLowWaterMark, writeHighWaterMark, limits);
    }

    public TcpSettings withLimits(ConnectionLimits l) {
        return new TcpSettings(maxFrameBytes, maxPendingBytes, writeLowWaterMark, writeHighWaterMark, l);
    }
}

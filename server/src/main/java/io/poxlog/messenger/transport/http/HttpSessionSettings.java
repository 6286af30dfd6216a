package io.poxlog.messenger.transport.http;

import io.poxlog.messenger.transport.netty.ConnectionLimits;
import java.time.Duration;

/**
 * The bounds of an HTTP transport's sessions (comet, JSON-RPC). A session stands for one TCP
 * connection of the messenger, so it has a TCP connection's limits: {@code limits}' connection
 * counts bound the sessions (in all and per address), and its rate, handshake and idle times hold
 * per session.
 *
 * @param expiry a session with no request for this long, counted from the end of its last one, is closed
 * @param pollTimeout how long a request for messages waits when there are none, then is answered empty
 * @param maxBatchBytes the messages one answer carries, together (at least one, whatever its size)
 * @param writeHighWaterMark output waiting above which the session is a slow consumer ({@code isWritable} false)
 * @param maxPendingBytes output waiting past which the client is taken to have stopped reading, and closed
 * @param limits sessions in all and per address, message rate, handshake and idle times
 */
public record HttpSessionSettings(Duration expiry, Duration pollTimeout, int maxBatchBytes, long writeHighWaterMark,
                                  long maxPendingBytes, ConnectionLimits limits) {
    public static final int DEFAULT_MAX_BATCH_BYTES = 1024 * 1024;
    public static final long DEFAULT_WRITE_HIGH_WATER_MARK = 4L * 1024 * 1024;
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L * 1024 * 1024;

    public HttpSessionSettings {
        if (expiry == null || expiry.isNegative() || expiry.isZero()) {
            throw new IllegalArgumentException("expiry must be positive, not " + expiry);
        }
        if (pollTimeout == null || pollTimeout.isNegative() || pollTimeout.isZero()) {
            throw new IllegalArgumentException("pollTimeout must be positive, not " + pollTimeout);
        }
        if (maxBatchBytes < 64) {
            throw new IllegalArgumentException("maxBatchBytes must be at least 64, not " + maxBatchBytes);
        }
        if (writeHighWaterMark < 1 || maxPendingBytes < writeHighWaterMark) {
            throw new IllegalArgumentException("maxPendingBytes (" + maxPendingBytes + ") must be at least the "
                    + "high-water mark (" + writeHighWaterMark + "), which must be positive");
        }
        if (limits == null) {
            throw new IllegalArgumentException("limits must be given");
        }
    }

    public HttpSessionSettings withExpiry(Duration d) {
        return new HttpSessionSettings(d, pollTimeout, maxBatchBytes, writeHighWaterMark, maxPendingBytes, limits);
    }

    public HttpSessionSettings withPollTimeout(Duration d) {
        return new HttpSessionSettings(expiry, d, maxBatchBytes, writeHighWaterMark, maxPendingBytes, limits);
    }

    public HttpSessionSettings withMaxBatchBytes(int n) {
        return new HttpSessionSettings(expiry, pollTimeout, n, writeHighWaterMark, maxPendingBytes, limits);
    }

    /** Smaller marks, for tests of slow consumers. */
    public HttpSessionSettings withOutput(long highWaterMark, long maxPending) {
        return new HttpSessionSettings(expiry, pollTimeout, maxBatchBytes, highWaterMark, maxPending, limits);
    }

    public HttpSessionSettings withLimits(ConnectionLimits l) {
        return new HttpSessionSettings(expiry, pollTimeout, maxBatchBytes, writeHighWaterMark, maxPendingBytes, l);
    }
}

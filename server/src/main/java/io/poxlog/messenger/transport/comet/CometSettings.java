package io.poxlog.messenger.transport.comet;

import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import java.time.Duration;

/**
 * The comet transport's bounds (PROTOCOL.md §10): its sessions' ({@link HttpSessionSettings}),
 * how far ahead, and how long, a POST may wait for the ones before it, and POX's Basic
 * credentials (both null: none).
 */
public record CometSettings(HttpSessionSettings sessions, int maxSeqAhead, Duration seqHold, String username,
                            String password) {
    /** POX's {@code SESSION_TIMEOUT} (messenger/web_transport.py). */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(120);
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Twice webmessenger.js's 60-s poke, which counts as a message here: a POX page that has
     * joined nothing yet is kept while it pokes.
     */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_SEQ_AHEAD = 8;
    public static final Duration DEFAULT_SEQ_HOLD = Duration.ofSeconds(2);

    public static final CometSettings DEFAULTS = new CometSettings(new HttpSessionSettings(DEFAULT_EXPIRY,
            DEFAULT_POLL_TIMEOUT, HttpSessionSettings.DEFAULT_MAX_BATCH_BYTES,
            HttpSessionSettings.DEFAULT_WRITE_HIGH_WATER_MARK, HttpSessionSettings.DEFAULT_MAX_PENDING_BYTES,
            ConnectionLimits.DEFAULTS.withIdleTimeout(DEFAULT_IDLE_TIMEOUT)), DEFAULT_MAX_SEQ_AHEAD, DEFAULT_SEQ_HOLD,
            null, null);

    public CometSettings {
        if (sessions == null) {
            throw new IllegalArgumentException("sessions must be given");
        }
        if (maxSeqAhead < 0 || maxSeqAhead > 64) {
            throw new IllegalArgumentException("maxSeqAhead must be 0 to 64, not " + maxSeqAhead);
        }
        if (seqHold == null || seqHold.isNegative()) {
            throw new IllegalArgumentException("seqHold must be positive or zero, not " + seqHold);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Basic authentication needs both a username and a password");
        }
    }

    public CometSettings withSessions(HttpSessionSettings s) {
        return new CometSettings(s, maxSeqAhead, seqHold, username, password);
    }

    public CometSettings withBasic(String user, String pass) {
        return new CometSettings(sessions, maxSeqAhead, seqHold, user, pass);
    }

    public CometSettings withSeqHold(Duration d) {
        return new CometSettings(sessions, maxSeqAhead, d, username, password);
    }
}

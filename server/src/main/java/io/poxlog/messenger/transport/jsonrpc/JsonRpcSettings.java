package io.poxlog.messenger.transport.jsonrpc;

import io.poxlog.messenger.transport.http.HttpSessionSettings;
import io.poxlog.messenger.transport.netty.ConnectionLimits;
import java.time.Duration;

/**
 * The JSON-RPC transport's bounds (PROTOCOL.md §11): its sessions' ({@link HttpSessionSettings}),
 * the messages a session holds waiting for a gap in its {@code send} numbers, how long its first
 * send may wait for the ones before it, and POX's Basic
 * credentials (both null: none).
 */
public record JsonRpcSettings(HttpSessionSettings sessions, int maxHeldMessages, Duration startHold, String username,
                              String password) {
    /** POX's {@code SESSION_TIMEOUT} (messenger/ajax_transport.py). */
    public static final Duration DEFAULT_EXPIRY = Duration.ofSeconds(60);
    /** Well before POX's 30 s and POXDesk's own 30-s timeout, which race on POX. */
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofSeconds(25);
    public static final int DEFAULT_MAX_HELD_MESSAGES = 64;
    /** How long a session's first send, numbered 1 to 8, waits for the ones from 0 (POXDesk's start). */
    public static final Duration DEFAULT_START_HOLD = Duration.ofSeconds(2);

    public static final JsonRpcSettings DEFAULTS = new JsonRpcSettings(new HttpSessionSettings(DEFAULT_EXPIRY,
            DEFAULT_POLL_TIMEOUT, HttpSessionSettings.DEFAULT_MAX_BATCH_BYTES,
            HttpSessionSettings.DEFAULT_WRITE_HIGH_WATER_MARK, HttpSessionSettings.DEFAULT_MAX_PENDING_BYTES,
            ConnectionLimits.DEFAULTS), DEFAULT_MAX_HELD_MESSAGES, DEFAULT_START_HOLD, null, null);

    public JsonRpcSettings {
        if (sessions == null) {
            throw new IllegalArgumentException("sessions must be given");
        }
        if (maxHeldMessages < 0) {
            throw new IllegalArgumentException("maxHeldMessages must be at least 0, not " + maxHeldMessages);
        }
        if (startHold == null || startHold.isNegative()) {
            throw new IllegalArgumentException("startHold must be positive or zero, not " + startHold);
        }
        if ((username == null) != (password == null)) {
            throw new IllegalArgumentException("Basic authentication needs both a username and a password");
        }
    }

    public JsonRpcSettings withSessions(HttpSessionSettings s) {
        return new JsonRpcSettings(s, maxHeldMessages, startHold, username, password);
    }

    public JsonRpcSettings withBasic(String user, String pass) {
        return new JsonRpcSettings(sessions, maxHeldMessages, startHold, user, pass);
    }
}

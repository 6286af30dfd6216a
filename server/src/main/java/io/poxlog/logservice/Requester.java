package io.poxlog.logservice;

import io.poxlog.messenger.core.Connection;
import java.net.InetAddress;

/**
 * Who asked for a level change, as its audit record names them: the session (the first
 * {@value #SESSION_CHARS} characters of its id: enough to find it, not enough to be it), the
 * address, the role and the token's name from the tokens file. Never the token. Immutable.
 *
 * @param session the session id's first characters
 * @param address the peer's address, or null when the transport has none
 * @param role the connection's role, {@code read} or {@code admin}
 * @param tokenName the token's name, or null
 */
record Requester(String session, String address, String role, String tokenName) {
    /**
     * A session id is 128 random bits; the rest of it stays out of the log, which every subscriber
     * reads, since a transport may take the id as the session's key.
     */
    static final int SESSION_CHARS = 8;

    static Requester of(Connection c) {
        String id = c.sessionId();
        InetAddress a = c.remoteAddress();
        return new Requester(id.length() > SESSION_CHARS ? id.substring(0, SESSION_CHARS) : id,
                a == null ? null : a.getHostAddress(), c.role() == null ? "none" : c.role().wireName(), c.tokenName());
    }

    /** {@code session 3f2aB9x0 from 127.0.0.1 as admin (token 'alice')}. */
    String describe() {
        return "session " + session + " from " + (address == null ? "an unknown address" : address) + " as " + role
                + (tokenName == null ? "" : " (token '" + tokenName + "')");
    }
}

package io.poxlog.viewer.client;

/**
 * Where one controller connection stands, as the terminal UI's top bar and the plain mode's
 * status lines show it: the states of a {@link MessengerClient}, and {@link #NO_LOG_SERVICE},
 * which only a {@link LogSubscription} reports.
 */
public enum ConnectionState {
    /** Dialling, speaking TLS, waiting for the welcome, authenticating (a subscription: joining). */
    CONNECTING,
    /** Ready: the handshake is done (a subscription: its records flow). */
    CONNECTED,
    /** Connected, but the controller serves no log: nothing will come until it restarts with one. */
    NO_LOG_SERVICE,
    /** The connection failed or ended; the next attempt is due at the status's retry time. */
    RECONNECTING,
    /** Refused for good (a token refused or missing, a subscription refused): no more attempts until a retry is asked for. */
    REFUSED,
    /** Closed by its owner, or ended for a client that does not reconnect. */
    CLOSED;

    /** A state the client stays in by itself: nothing changes until its owner acts. */
    public boolean isFinal() {
        return this == REFUSED || this == CLOSED;
    }
}

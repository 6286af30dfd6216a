package io.poxlog.viewer.client;

/**
 * The state of one controller connection, for the status line. Immutable.
 *
 * @param source {@code host:port}
 * @param state where the connection stands
 * @param detail the reason for a failure or what the last resume achieved; may be empty
 * @param retryAtMillis for RECONNECTING, when the next attempt is due (epoch ms)
 * @param resumable whether the server numbers its records, so reconnects resume with {@code since}
 */
public record SourceStatus(String source, State state, String detail, long retryAtMillis, boolean resumable) {
    public enum State { CONNECTING, CONNECTED, RECONNECTING, CLOSED }

    /** One line: {@code host:port connected}, {@code host:port reconnecting in 4 s (Connection refused)}. */
    public String describe(long nowMillis) {
        String s = source + " ";
        switch (state) {
            case CONNECTING -> s += "connecting";
            case CONNECTED -> s += "connected";
            case RECONNECTING -> s += "reconnecting in " + Math.max(0, (retryAtMillis - nowMillis + 999) / 1000) + " s";
            case CLOSED -> s += "closed";
        }
        return detail.isEmpty() ? s : s + " (" + detail + ")";
    }
}

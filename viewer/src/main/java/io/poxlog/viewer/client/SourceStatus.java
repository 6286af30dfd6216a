package io.poxlog.viewer.client;

/**
 * The state of one controller connection, for the status line. Immutable.
 *
 * @param source {@code host:port}
 * @param state where the connection stands
 * @param detail the reason for a failure or refusal, or what the last resume achieved; may be empty
 * @param retryAtMillis for RECONNECTING, when the next attempt is due (epoch ms); 0 otherwise
 */
public record SourceStatus(String source, ConnectionState state, String detail, long retryAtMillis) {
    public SourceStatus {
        detail = detail == null ? "" : detail;
    }

    /**
     * One line: {@code host:port connected}, {@code host:port reconnecting in 4 s (Connection
     * refused)}, {@code host:port refused, R retries (why)} (R is the terminal UI's key).
     */
    public String describe(long nowMillis) {
        String s = source + " " + switch (state) {
            case CONNECTING -> "connecting";
            case CONNECTED -> "connected";
            case NO_LOG_SERVICE -> "has no log service";
            case RECONNECTING -> "reconnecting in " + Math.max(0, (retryAtMillis - nowMillis + 999) / 1000) + " s";
            case REFUSED -> "refused, R retries";
            case CLOSED -> "closed";
        };
        return detail.isEmpty() ? s : s + " (" + detail + ")";
    }
}

package io.poxlog.viewer.client;

/**
 * What became of a message handed to {@link MessengerClient#send}: queued to be written, or not
 * sent, and why. Immutable.
 *
 * @param queued true when the message waits in the outbound queue (or was written already)
 * @param reason why it was not sent ("" when queued), in words for the user
 */
public record SendResult(boolean queued, String reason) {
    public static final SendResult QUEUED = new SendResult(true, "");

    static SendResult notSent(String reason) {
        return new SendResult(false, reason);
    }
}

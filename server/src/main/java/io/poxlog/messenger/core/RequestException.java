package io.poxlog.messenger.core;

/**
 * Thrown by a service when a request is wrong. The nexus answers the sender with an error on the
 * default channel (PROTOCOL.md section 6) whose text is this exception's message, so the message
 * must say what was wrong and quote the offending value.
 */
public class RequestException extends RuntimeException {
    public RequestException(String message) {
        super(message, null, false, false);
    }
}

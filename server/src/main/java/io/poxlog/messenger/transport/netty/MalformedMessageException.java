package io.poxlog.messenger.transport.netty;

import io.netty.handler.codec.DecoderException;

/**
 * A whole frame arrived but it is not a JSON object (bad JSON inside the braces, or an array).
 * The stream is still in step, so the connection survives: the sender gets an error.
 */
public final class MalformedMessageException extends DecoderException {
    public MalformedMessageException(String message) {
        super(message);
    }
}

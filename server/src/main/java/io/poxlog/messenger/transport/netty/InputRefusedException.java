package io.poxlog.messenger.transport.netty;

import io.netty.handler.codec.DecoderException;

/**
 * Input a transport's decoder refuses and cannot go on after (a WebSocket binary frame, bytes
 * that are not UTF-8): {@link ConnectionHandler} answers it with an error naming what was wrong,
 * and closes the connection.
 */
public final class InputRefusedException extends DecoderException {
    public InputRefusedException(String message) {
        super(message);
    }
}

package io.poxlog.viewer.client;

import java.io.IOException;

/**
 * The controller answered a request with an error (PROTOCOL.md §6); the message is the error's
 * text, as the controller wrote it.
 */
public final class ServerErrorException extends IOException {
    public ServerErrorException(String error) {
        super(error);
    }
}

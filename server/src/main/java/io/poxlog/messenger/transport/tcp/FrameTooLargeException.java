package io.poxlog.messenger.transport.tcp;

import io.netty.handler.codec.TooLongFrameException;

/** A JSON value passed the frame limit before it ended; the stream is out of step. */
final class FrameTooLargeException extends TooLongFrameException {
    private final int limit;

    FrameTooLargeException(int limit, long offset) {
        super("a JSON value starting at byte " + offset + " of the stream is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    int limit() {
        return limit;
    }
}

package io.poxlog.messenger.transport.tcp;

import io.netty.handler.codec.CorruptedFrameException;
import java.util.Locale;

/**
 * A byte between values that can never start a JSON object; the stream is out of step. The
 * message names that byte alone, not the bytes around it, which may hold a token.
 */
final class NotJsonException extends CorruptedFrameException {
    NotJsonException(long offset, byte b) {
        super("byte " + describe(b) + " at byte " + offset + " of the stream cannot start a JSON object");
    }

    private static String describe(byte b) {
        int v = b & 0xff;
        String hex = String.format(Locale.ROOT, "0x%02x", v);
        return v >= 0x21 && v <= 0x7e ? hex + " ('" + (char) v + "')" : hex;
    }
}

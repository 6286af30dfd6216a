package io.poxlog.viewer.client;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * What carries one {@link ClientConnection}'s messages, whichever transport: the messenger's TCP
 * stream ({@link TcpWire}, objects back to back, PROTOCOL.md §1) or a WebSocket ({@link WsWire},
 * one object per text frame, §12). The connection above it (handshake, token, requests, the
 * writer, every reason in words) does not know which.
 *
 * <p>Both bound what a controller can make the viewer hold in the same way: a message over the
 * client's {@link ClientOptions#maxMessageBytes} is read and dropped as it comes, never kept,
 * and {@link #next} returns {@link MessageReader#OVERSIZED} for it.
 *
 * <p>Threads: the connection's thread calls {@link #connect}, {@link #next} and
 * {@link #readTimeout}; its writer thread (and, before it starts, the connection's thread)
 * {@link #write} and {@link #flush}; {@link #abort} any thread, at any time, even before
 * {@link #connect}.
 */
interface Wire {
    /**
     * Connects, with TLS when asked, within {@code timeoutMillis} for each step; says each step
     * to {@code phase} ("TLS handshake", ...) so that a timeout can say what did not come.
     *
     * @throws java.net.SocketTimeoutException when a step did not end in time
     */
    void connect(int timeoutMillis, Consumer<String> phase) throws IOException;

    /** How long {@link #next} waits for a message before a {@link java.net.SocketTimeoutException}; 0 for ever. */
    void readTimeout(int millis) throws IOException;

    /**
     * The next message's bytes, {@link MessageReader#OVERSIZED} for one over the limit (then
     * {@link #skippedBytes}), or null at the end (then {@link #endOfStream}).
     */
    byte[] next() throws IOException;

    /** The size of the last message returned as {@link MessageReader#OVERSIZED}. */
    long skippedBytes();

    /** Whether {@link #next} returned null because the controller ended the connection. */
    boolean endOfStream();

    /** How the controller ended it, when the transport says more than that it ended; "" otherwise. */
    default String endReason() {
        return "";
    }

    /** Writes one message (a whole JSON object); it may wait in a buffer until {@link #flush}. */
    void write(byte[] message) throws IOException;

    void flush() throws IOException;

    /** Ends the connection at once: unblocks {@link #connect}, {@link #next} and {@link #write}. */
    void abort();
}

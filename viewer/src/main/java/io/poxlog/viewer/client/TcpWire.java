package io.poxlog.viewer.client;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * The messenger's TCP transport under a {@link ClientConnection}: a socket (TLS over it when the
 * options ask), read by a {@link MessageReader} and written through a buffer of 64 KiB. See
 * {@link Wire} for the threads.
 */
final class TcpWire implements Wire {
    private final Endpoint endpoint;
    private final ClientOptions options;
    private final Socket raw = new Socket();
    private volatile Socket socket;
    private MessageReader in;
    private OutputStream out;

    TcpWire(Endpoint endpoint, ClientOptions options) {
        this.endpoint = endpoint;
        this.options = options;
    }

    @Override
    public void connect(int timeoutMillis, Consumer<String> phase) throws IOException {
        if (options.resetOnClose()) {
            raw.setSoLinger(true, 0);
        }
        raw.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), timeoutMillis);
        raw.setTcpNoDelay(true);
        raw.setSoTimeout(timeoutMillis); // for TLS, the welcome and the token's answer
        Socket s = raw;
        if (options.tls() != null) {
            phase.accept("TLS handshake");
            s = options.tls().wrap(raw, endpoint.host(), endpoint.port());
        }
        socket = s;
        in = new MessageReader(s.getInputStream(), options.maxMessageBytes());
        out = new BufferedOutputStream(s.getOutputStream(), 64 * 1024);
    }

    @Override
    public void readTimeout(int millis) throws IOException {
        raw.setSoTimeout(millis);
    }

    @Override
    public byte[] next() throws IOException {
        return in.next();
    }

    @Override
    public long skippedBytes() {
        return in.skippedBytes();
    }

    @Override
    public boolean endOfStream() {
        return in.endOfStream();
    }

    @Override
    public void write(byte[] message) throws IOException {
        out.write(message);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Closes the TCP socket itself: unblocks the reader and the writer, TLS or not. */
    @Override
    public void abort() {
        try {
            raw.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}

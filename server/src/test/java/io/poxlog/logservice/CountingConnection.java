package io.poxlog.logservice;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.messenger.core.Connection;
import java.util.UUID;
import java.util.concurrent.Executor;

/**
 * A connection for tests of the service's parts without a transport: counts the messages sent to
 * it and their bytes, is always writable, and is written by {@code io} ({@link #ioExecutor}; null
 * for none). One thread, the one delivering.
 */
final class CountingConnection extends Connection {
    private final Executor io;
    long messages;
    long bytes;

    CountingConnection() {
        this(null);
    }

    CountingConnection(Executor io) {
        super(UUID.randomUUID().toString());
        this.io = io;
    }

    @Override
    public Executor ioExecutor() {
        return io;
    }

    @Override
    public void sendEncoded(byte[] object) {
        messages++;
        bytes += object.length;
    }

    @Override
    public void sendEncoded(byte[] head, byte[] body, boolean flush) {
        messages++;
        bytes += head.length + body.length;
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public void close() {
    }

    @Override
    public void sendAndClose(JsonNode message) {
    }

    @Override
    public String toString() {
        return "counting";
    }
}

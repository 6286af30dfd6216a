package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A connection that keeps what it is sent, for tests of the nexus without a transport. */
final class RecordingConnection extends Connection {
    private final String name;
    private final boolean dialled;
    final List<JsonNode> sent = new ArrayList<>();
    final List<String> rawWrites = new ArrayList<>();
    boolean closed;

    RecordingConnection(String name) {
        this(name, false);
    }

    RecordingConnection(String name, boolean dialled) {
        super(SessionIds.next());
        this.name = name;
        this.dialled = dialled;
    }

    @Override
    public boolean dialled() {
        return dialled;
    }

    @Override
    public synchronized void sendEncoded(byte[] object) {
        String s = new String(object, java.nio.charset.StandardCharsets.UTF_8);
        rawWrites.add(newlines() ? s + "\n" : s);
        try {
            sent.add(Json.MAPPER.readTree(object));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void sendEncoded(byte[] head, byte[] body, boolean flush) {
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        sendEncoded(all);
    }

    @Override
    public boolean isWritable() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public void sendAndClose(JsonNode message) {
        send(message);
        close();
    }

    synchronized List<JsonNode> take() {
        List<JsonNode> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }

    @Override
    public String toString() {
        return name;
    }
}

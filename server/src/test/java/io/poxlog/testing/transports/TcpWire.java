package io.poxlog.testing.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WireClient;
import java.io.IOException;
import java.util.function.Predicate;

/** {@link MessengerWire} over a real TCP socket ({@link WireClient}). */
final class TcpWire implements MessengerWire {
    private final WireClient client;

    private TcpWire(WireClient client) {
        this.client = client;
    }

    static MessengerWire connect(TransportServer server, boolean reading) throws IOException {
        return new TcpWire(reading ? WireClient.connect(server.tcpAddress())
                : WireClient.connectStalled(server.tcpAddress()));
    }

    @Override
    public MessengerWire send(String json) throws IOException {
        client.send(json);
        return this;
    }

    @Override
    public JsonNode next() throws InterruptedException {
        return client.next();
    }

    @Override
    public JsonNode next(Predicate<JsonNode> wanted) throws InterruptedException {
        return client.next(wanted);
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        client.awaitClosed();
    }

    @Override
    public boolean isClosed() {
        return client.isClosed();
    }

    @Override
    public void resumeReading() {
        client.resumeReading();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // closing a test's socket
        }
    }
}

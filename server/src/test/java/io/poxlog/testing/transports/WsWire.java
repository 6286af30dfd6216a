package io.poxlog.testing.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.WsClient;
import java.util.Map;
import java.util.function.Predicate;

/** {@link MessengerWire} over the JDK's own WebSocket client ({@link WsClient}), with or without frames of lines. */
final class WsWire implements MessengerWire {
    private final WsClient client;

    private WsWire(WsClient client) {
        this.client = client;
    }

    static MessengerWire connect(TransportServer server, boolean reading) throws Exception {
        return new WsWire(WsClient.connect(server.wsUri(), Map.of(), reading));
    }

    /** Offering subprotocol poxlog-jsonl, which the server chooses: frames of lines. */
    static MessengerWire connectLines(TransportServer server, boolean reading) throws Exception {
        WsClient c = WsClient.connect(server.wsUri(), Map.of(), reading, WsClient.LINES);
        if (!WsClient.LINES.equals(c.subprotocol())) {
            c.close();
            throw new AssertionError("the server chose subprotocol '" + c.subprotocol() + "', not " + WsClient.LINES);
        }
        return new WsWire(c);
    }

    @Override
    public MessengerWire send(String json) {
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
    public void awaitClosed() throws Exception {
        client.awaitClose();
    }

    @Override
    public boolean isClosed() {
        return client.isClosed();
    }

    @Override
    public void resumeReading() {
        client.resume();
    }

    @Override
    public void close() {
        client.close();
    }
}

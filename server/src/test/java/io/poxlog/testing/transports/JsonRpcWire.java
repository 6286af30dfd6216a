package io.poxlog.testing.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.JsonRpcClient;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link MessengerWire} over the JSON-RPC transport ({@link JsonRpcClient}, as POXDesk polls).
 * Its first poll ({@code "new!"}) brings the welcome; not reading, it polls no more after it.
 */
final class JsonRpcWire implements MessengerWire {
    private final JsonRpcClient client;

    private JsonRpcWire(JsonRpcClient client) {
        this.client = client;
    }

    static MessengerWire connect(TransportServer server, boolean reading) throws Exception {
        return new JsonRpcWire(JsonRpcClient.connect(server.jsonRpcUri(), Map.of(), reading));
    }

    @Override
    public MessengerWire send(String json) throws Exception {
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
        Await.until("the server closed the session (" + client.problems() + ")", client::isClosed);
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

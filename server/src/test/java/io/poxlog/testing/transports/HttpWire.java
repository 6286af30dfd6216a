package io.poxlog.testing.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.CometClient;
import io.poxlog.testing.JsonRpcClient;
import io.poxlog.testing.LongPollClient;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link MessengerWire} over one of the HTTP transports' long-polling clients: comet
 * ({@link CometClient}: one GET at a time; not reading, it takes the welcome with its first GET
 * and then sends none, as a page that stopped fetching) or JSON-RPC ({@link JsonRpcClient}, as
 * POXDesk polls: its first poll, {@code "new!"}, brings the welcome; not reading, it polls no
 * more after it).
 */
final class HttpWire implements MessengerWire {
    private final LongPollClient client;

    private HttpWire(LongPollClient client) {
        this.client = client;
    }

    static MessengerWire comet(TransportServer server, boolean reading) throws Exception {
        return new HttpWire(reading ? CometClient.connect(server.cometUri(), Map.of())
                : CometClient.connectTakingTheWelcome(server.cometUri(), Map.of()));
    }

    static MessengerWire jsonRpc(TransportServer server, boolean reading) throws Exception {
        return new HttpWire(JsonRpcClient.connect(server.jsonRpcUri(), Map.of(), reading));
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

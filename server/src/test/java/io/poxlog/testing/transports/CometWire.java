package io.poxlog.testing.transports;

import com.fasterxml.jackson.databind.JsonNode;
import io.poxlog.testing.Await;
import io.poxlog.testing.CometClient;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@link MessengerWire} over the comet transport ({@link CometClient}: one long-poll GET at a
 * time). Not reading, it takes the welcome with its first GET and then sends none, as a page
 * that stopped fetching.
 */
final class CometWire implements MessengerWire {
    private final CometClient client;

    private CometWire(CometClient client) {
        this.client = client;
    }

    static MessengerWire connect(TransportServer server, boolean reading) throws Exception {
        return new CometWire(reading ? CometClient.connect(server.cometUri(), Map.of())
                : CometClient.connectTakingTheWelcome(server.cometUri(), Map.of()));
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

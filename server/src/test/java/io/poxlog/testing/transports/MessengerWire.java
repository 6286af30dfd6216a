package io.poxlog.testing.transports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One client of the messenger over some transport, as the transport-parameterised suite sees it
 * (issue 13: services do not change per transport): messages in, messages out, in order, whatever
 * carries them. A {@link Transport} makes one; an adapter over a real client (a socket, the JDK's
 * WebSocket or HttpClient) implements the few methods without a default.
 *
 * <p>Threads: the test's thread calls every method; the adapter's client may fill its queue on
 * threads of its own. Waiting methods fail at their deadline ({@code WireClient.TIMEOUT}); nothing
 * sleeps.
 */
public interface MessengerWire extends AutoCloseable {
    ObjectMapper MAPPER = new ObjectMapper();

    /** Sends one JSON object (the transport frames it: a TCP write, a WebSocket text frame, a POST). */
    MessengerWire send(String json) throws Exception;

    default MessengerWire send(ObjectNode json) throws Exception {
        return send(json.toString());
    }

    /** The next message, failing if none comes in time or the connection ends first. */
    JsonNode next() throws Exception;

    /** Skips messages until one matches; fails at the deadline or when the connection ends. */
    JsonNode next(Predicate<JsonNode> wanted) throws Exception;

    /** Waits until the server has closed the connection, failing at the deadline. */
    void awaitClosed() throws Exception;

    boolean isClosed();

    /**
     * For a client connected with {@code reading} false ({@link Transport#connect}): from now on
     * it reads again. Until then it took the welcome and nothing more, and the server's output
     * waited for it, as for a subscriber that stopped reading.
     */
    void resumeReading();

    /** Closes the client's side; safe to call twice. */
    @Override
    void close();

    /** The welcome, which must come first. */
    default JsonNode welcome() throws Exception {
        JsonNode w = next();
        if (!"welcome".equals(w.path("cmd").asText())) {
            throw new AssertionError("expected a welcome first, got " + w);
        }
        return w;
    }

    /** Sends {@code token} in an {@code auth} command (PROTOCOL.md §2) and returns the answer. */
    default JsonNode authenticate(String token) throws Exception {
        send(MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "auth").put("token", token));
        return next();
    }

    /**
     * Proves nothing else is pending: sends a {@code test} round trip and returns what arrived
     * before its answer (the server handles one connection's messages in order).
     */
    default List<JsonNode> drain() throws Exception {
        String marker = "drain-" + System.nanoTime();
        send("{\"test\":\"" + marker + "\"}");
        List<JsonNode> before = new ArrayList<>();
        while (true) {
            JsonNode n = next();
            if (marker.toUpperCase().equals(n.path("test").asText())) {
                return before;
            }
            before.add(n);
        }
    }
}

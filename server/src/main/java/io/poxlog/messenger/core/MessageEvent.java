package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message a connection sent to one channel, as handed to that channel's bots. Replies go back
 * to the sender alone, carrying the request's {@code CHANNEL} and {@code XID} (PROTOCOL.md §3).
 * Used on the nexus thread.
 */
public final class MessageEvent {
    private final Connection connection;
    private final Channel channel;
    private final ObjectNode message;

    MessageEvent(Connection connection, Channel channel, ObjectNode message) {
        this.connection = connection;
        this.channel = channel;
        this.message = message;
    }

    public Connection connection() {
        return connection;
    }

    public Channel channel() {
        return channel;
    }

    public ObjectNode message() {
        return message;
    }

    /**
     * Sends {@code body} to the sender as a reply. Like POX's {@code reply()}, the body's own keys
     * come first, then {@code CHANNEL} and, when the request had one, {@code XID}.
     */
    public void reply(ObjectNode body) {
        connection.send(withReplyKeys(body));
    }

    /** Adds this request's {@code CHANNEL} and {@code XID} to {@code body} and returns it. */
    public ObjectNode withReplyKeys(ObjectNode body) {
        JsonNode requested = message.get("CHANNEL");
        if (requested != null && requested.isTextual()) {
            body.set("CHANNEL", requested);
        } else {
            body.put("CHANNEL", channel.name());
        }
        JsonNode xid = message.get("XID");
        if (xid != null) {
            body.set("XID", xid);
        }
        return body;
    }

    /** Answers the sender with an error on the default channel (PROTOCOL.md §6). */
    public void error(String text) {
        channel.nexus().sendError(connection, message, channel.name(), text);
    }
}

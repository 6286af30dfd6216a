package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Base of every service: a bot lives in one channel and handles what clients send to it.
 *
 * <p>Dispatch follows POX's ChannelBot: a message whose {@code cmd} has a handler goes to that
 * handler; otherwise the first registered key present in the message gets it; otherwise
 * {@link #unhandled}. A handler that throws {@link RequestException} makes the nexus answer the
 * sender with an error. Every method runs on the nexus thread.
 */
public abstract class ChannelBot {
    protected final Channel channel;
    private final Map<String, Consumer<MessageEvent>> commands = new HashMap<>();
    private final Map<String, BiConsumer<MessageEvent, JsonNode>> keys = new LinkedHashMap<>();

    /** Attaches the new bot to {@code channel}. */
    protected ChannelBot(Channel channel) {
        this.channel = channel;
        channel.addBot(this);
    }

    public final Channel channel() {
        return channel;
    }

    protected final Nexus nexus() {
        return channel.nexus();
    }

    protected final void onCommand(String cmd, Consumer<MessageEvent> handler) {
        commands.put(cmd, handler);
    }

    protected final void onKey(String key, BiConsumer<MessageEvent, JsonNode> handler) {
        keys.put(key, handler);
    }

    /** Dispatches one message to this bot's handlers. */
    protected void handle(MessageEvent event) {
        ObjectNode msg = event.message();
        String cmd = Json.text(msg, "cmd");
        if (cmd != null) {
            Consumer<MessageEvent> handler = commands.get(cmd);
            if (handler != null) {
                handler.accept(event);
                return;
            }
        }
        for (Map.Entry<String, BiConsumer<MessageEvent, JsonNode>> e : keys.entrySet()) {
            JsonNode value = msg.get(e.getKey());
            if (value != null) {
                e.getValue().accept(event, value);
                return;
            }
        }
        unhandled(event);
    }

    /** A message no handler took. */
    protected void unhandled(MessageEvent event) {
    }

    /** A connection joined the channel; {@code message} is its join request (maybe empty). */
    protected void joined(Connection connection, ObjectNode message) {
    }

    /** A connection left; {@code empty} tells whether the channel has no member left. */
    protected void left(Connection connection, boolean empty) {
    }

    /** The channel was destroyed; release what the bot holds. */
    protected void destroyed() {
    }

    /** Sends to every member of the channel. */
    protected final void send(ObjectNode message) {
        channel.send(message);
    }
}

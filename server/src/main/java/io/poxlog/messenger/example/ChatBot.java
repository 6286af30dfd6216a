package io.poxlog.messenger.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.MessageEvent;
import io.poxlog.messenger.core.RequestException;

/**
 * The {@code chat} channel: every {@code {"msg": m}} goes to all members as
 * {@code {"msg": "<sender> says m"}} (PROTOCOL.md §8). Nexus thread only.
 */
final class ChatBot extends ChannelBot {
    ChatBot(Channel channel) {
        super(channel);
        onKey("msg", this::say);
    }

    private void say(MessageEvent e, JsonNode value) {
        ObjectNode out = Json.object();
        out.put("msg", e.connection() + " says " + (value.isTextual() ? value.asText() : value.toString()));
        send(out);
    }

    @Override
    protected void unhandled(MessageEvent e) {
        throw new RequestException("chat takes {\"msg\": ...}; this message has no 'msg'");
    }
}

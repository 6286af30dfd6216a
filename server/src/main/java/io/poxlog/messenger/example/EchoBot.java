package io.poxlog.messenger.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.MessageEvent;
import io.poxlog.messenger.core.RequestException;

/**
 * The bot of every {@code echo_*} channel: replies {@code {"msg": "<n>: v"}} to each
 * {@code {"msg": v}}, counting per bot (PROTOCOL.md §8). Nexus thread only.
 */
final class EchoBot extends ChannelBot {
    private int count;

    EchoBot(Channel channel) {
        super(channel);
        onKey("msg", this::echo);
    }

    private void echo(MessageEvent e, JsonNode value) {
        count++;
        ObjectNode reply = Json.object();
        reply.put("msg", count + ": " + (value.isTextual() ? value.asText() : value.toString()));
        e.reply(reply);
    }

    @Override
    protected void unhandled(MessageEvent e) {
        throw new RequestException("channel '" + channel.name() + "' echoes {\"msg\": ...}; this message has no 'msg'");
    }
}

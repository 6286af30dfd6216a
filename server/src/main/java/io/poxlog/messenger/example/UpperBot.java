package io.poxlog.messenger.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.MessageEvent;
import io.poxlog.messenger.core.RequestException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code upper} service: clients address the channel without joining it, and each
 * {@code msg} comes back upper-cased with a per-connection {@code count} (PROTOCOL.md §8).
 * Nexus thread only.
 */
final class UpperBot extends ChannelBot {
    private final Map<Connection, Integer> counts = new HashMap<>();

    UpperBot(Channel channel) {
        super(channel);
        channel.nexus().onDisconnected(counts::remove);
    }

    @Override
    protected void unhandled(MessageEvent e) {
        JsonNode msg = e.message().get("msg");
        if (msg == null || !msg.isTextual()) {
            throw new RequestException("upper takes {\"msg\": \"text\"}; 'msg' is "
                    + (msg == null ? "missing" : Json.preview(msg)));
        }
        int count = counts.merge(e.connection(), 1, Integer::sum);
        ObjectNode reply = Json.object();
        reply.put("count", count);
        reply.put("msg", msg.asText().toUpperCase(Locale.ROOT));
        e.reply(reply);
    }
}

package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands each message a connection sent to the bots of the channels it names (PROTOCOL.md §3):
 * {@code CHANNEL} a string or a list of at most {@link Nexus#MAX_CHANNELS_PER_MESSAGE} strings,
 * the default channel when missing or null. A
 * message to a missing channel of a service's prefix makes that channel on demand, and the
 * channel goes again after the message when nobody joined it. Nexus thread only; the nexus has
 * admitted the message already (its connection is known and authenticated).
 */
final class Router {
    private final Nexus nexus;
    private final List<String> onDemandPrefixes = new ArrayList<>();

    Router(Nexus nexus) {
        this.nexus = nexus;
    }

    void addOnDemandPrefix(String prefix) {
        onDemandPrefixes.add(prefix);
    }

    void route(Connection con, ObjectNode message) {
        JsonNode target = message.get("CHANNEL");
        if (target == null || target.isNull()) {
            deliver(con, Nexus.DEFAULT_CHANNEL, message);
        } else if (target.isTextual()) {
            deliver(con, target.asText(), message);
        } else if (target.isArray()) {
            if (target.size() > Nexus.MAX_CHANNELS_PER_MESSAGE) {
                // Every name is a delivery or an error: an unbounded list made one message cost the
                // nexus, and everyone waiting on it, as much as its sender liked.
                nexus.sendError(con, message, Json.preview(target), "CHANNEL may list at most "
                        + Nexus.MAX_CHANNELS_PER_MESSAGE + " channels, not " + target.size());
                return;
            }
            for (JsonNode name : target) {
                if (name.isTextual()) {
                    deliver(con, name.asText(), message);
                } else if (name.isNull()) {
                    deliver(con, Nexus.DEFAULT_CHANNEL, message);
                } else {
                    nexus.sendError(con, message, Json.preview(name),
                            "CHANNEL list entries must be strings, not " + Json.preview(name));
                }
            }
        } else {
            nexus.sendError(con, message, Json.preview(target),
                    "CHANNEL must be a string or a list of strings, not " + Json.preview(target));
        }
    }

    private void deliver(Connection con, String channelName, ObjectNode message) {
        Channel ch = nexus.channel(channelName);
        boolean onDemand = false;
        if (ch == null) {
            // Services create channels of their prefix on demand (POX's MissingChannel):
            // a message to echo_x or log_x creates it.
            if (!hasCreatorFor(channelName)) {
                nexus.sendError(con, message, channelName, "no channel named '" + channelName + "'");
                return;
            }
            Channel[] created = new Channel[1];
            ServiceGuard.run(con, message, () -> created[0] = nexus.getOrCreate(channelName, true));
            if (created[0] == null) {
                return;
            }
            ch = created[0];
            onDemand = true;
        }
        MessageEvent event = new MessageEvent(con, ch, message);
        for (ChannelBot bot : List.copyOf(ch.bots())) {
            ServiceGuard.run(con, message, () -> bot.handle(event));
        }
        if (onDemand && ch.temporary() && ch.members().isEmpty()) {
            // Nobody joined it: keep no memberless channel, or a client could fill memory with
            // messages to ever new names.
            nexus.destroy(ch);
        }
    }

    private boolean hasCreatorFor(String name) {
        for (String p : onDemandPrefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}

package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Makes a bot for a channel: for channels created with a service's prefix, and for bots invited
 * by name. Called on the nexus thread. {@code extra} is the message that caused the creation
 * (the join or the invitation), or an empty object.
 */
@FunctionalInterface
public interface BotFactory {
    ChannelBot create(Channel channel, ObjectNode extra);
}

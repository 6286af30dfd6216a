package io.poxlog.messenger.example;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;

/**
 * An invitable bot (PROTOCOL.md §4, §8): in whatever channel it is invited to, it greets each
 * connection that joins with {@code {"greeting": "hello, <connection>"}}, sent to the channel.
 * Nexus thread only.
 */
final class GreetBot extends ChannelBot {
    static final String NAME = "GreetBot";

    GreetBot(Channel channel) {
        super(channel);
    }

    @Override
    protected void joined(Connection connection, ObjectNode message) {
        ObjectNode greeting = Json.object();
        greeting.put("greeting", "hello, " + connection);
        send(greeting);
    }
}

package io.poxlog.messenger.example;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.messenger.core.Channel;
import io.poxlog.messenger.core.ChannelBot;
import io.poxlog.messenger.core.Json;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The {@code time} channel: {@link #tick} sends its members {@code {"msg": "It's 03:04:05 PM"}}.
 * {@link ExampleServices} calls it every 10 s on the nexus thread.
 */
final class TimeBot extends ChannelBot {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("hh:mm:ss a", Locale.US);

    TimeBot(Channel channel) {
        super(channel);
    }

    void tick() {
        ObjectNode msg = Json.object();
        msg.put("msg", "It's " + LocalTime.now().format(CLOCK));
        send(msg);
    }
}

package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.model.Levels;
import java.util.Map;

/**
 * The messages a {@link LogSubscription} sends (PROTOCOL.md §5): joins with their settings and
 * filters, level changes, the probe and {@code get_levels}. Each call makes a new message of the
 * caller's own. Stateless; any thread.
 */
final class SubscriptionMessages {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SubscriptionMessages() {
    }

    /**
     * A join of {@code channel} with {@code json: true} and, for a controller of this project,
     * the filter's keys ({@code level}; {@code grep} and {@code exclude} unless {@code
     * withPatterns} is false: the controller refused them).
     */
    static ObjectNode join(String channel, ServerFilter filter, boolean pox, boolean withPatterns) {
        ObjectNode join = MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "join_channel")
                .put("channel", channel).put("json", true);
        if (pox) {
            // POX's bot would take them too, but a setting POX cannot parse makes it stop reading:
            // there the viewer filters by itself, and the backlog is not filtered (POX keeps none).
            return join;
        }
        if (filter.minLevel() > 0) {
            join.put("level", filter.minLevel());
        }
        if (withPatterns && filter.grep() != null) {
            join.put("grep", filter.grep());
        }
        if (withPatterns && filter.exclude() != null) {
            join.put("exclude", filter.exclude());
        }
        return join;
    }

    static ObjectNode leave(String channel) {
        return MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "leave_channel").put("channel", channel);
    }

    /** {@code setLevels} on {@code channel} for every logger of {@code levels}; null when there are none. */
    static ObjectNode setLevels(String channel, Map<String, String> levels) {
        return setLevels(channel, levels, 0);
    }

    /** As {@link #setLevels(String, Map)}, timed for {@code forSeconds} when above 0 ({@code "for"}). */
    static ObjectNode setLevels(String channel, Map<String, String> levels, long forSeconds) {
        if (levels.isEmpty()) {
            return null;
        }
        ObjectNode msg = MAPPER.createObjectNode().put("CHANNEL", channel);
        ObjectNode map = msg.putObject("setLevels");
        levels.forEach((logger, level) -> map.set(logger, Levels.wire(level)));
        if (forSeconds > 0) {
            msg.put("for", forSeconds);
        }
        return msg;
    }

    /** A {@code test} round trip; its answer follows everything sent before it. */
    static ObjectNode test(String value) {
        return MAPPER.createObjectNode().put("CHANNEL", "").put("test", value);
    }

    /** {@code get_levels}: for {@code prefix} and below when not null, at most {@code limit} when above 0. */
    static ObjectNode getLevels(String prefix, int limit) {
        ObjectNode req = MAPPER.createObjectNode().put("CHANNEL", "log").put("cmd", "get_levels");
        if (prefix != null) {
            req.put("prefix", prefix);
        }
        if (limit > 0) {
            req.put("limit", limit);
        }
        return req;
    }

    /** A record-shaped object of the viewer's own, for a marker entry. */
    static ObjectNode record(String message, String levelName, int levelNo, String logger, double created) {
        return MAPPER.createObjectNode().put("message", message).put("levelname", levelName).put("levelno", levelNo)
                .put("name", logger).put("created", created);
    }
}

package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The bot of the default channel {@code ""}: joining and leaving channels, making new ones,
 * inviting bots, the {@code test} liveness check, {@code newlines} mode, and a peer messenger's
 * welcome, errors and (for one we dialled) its answer to our token (PROTOCOL.md §4). Runs on the
 * nexus thread.
 */
public final class DefaultChannelBot extends ChannelBot {
    DefaultChannelBot(Channel channel) {
        super(channel);
        onCommand("join_channel", this::joinChannel);
        onCommand("leave_channel", this::leaveChannel);
        onCommand("new_channel", this::newChannel);
        onCommand("invite", this::invite);
        onCommand("welcome", this::welcome);
        // A peer's error about something we sent: answering it with an error of our own would
        // start two messengers bouncing errors forever.
        onCommand("error", e -> { });
        onCommand("authenticated", this::authenticated);
        onKey("test", this::test);
        onKey("newlines", this::newlines);
    }

    private void joinChannel(MessageEvent e) {
        String name = channelName(e.message(), "channel", true);
        JsonNode temp = e.message().get("temporary");
        if (temp != null && !temp.isBoolean()) {
            throw new RequestException("'temporary' must be true or false, not " + Json.preview(temp));
        }
        boolean temporary = temp == null || temp.asBoolean();
        if (!temporary && nexus().channel(name) == null) {
            // A permanent channel outlives its creator: server state, so an operator's decision.
            e.connection().require(Role.ADMIN, "creating a permanent channel");
        }
        nexus().join(e.connection(), name, temporary, e.message());
    }

    private void leaveChannel(MessageEvent e) {
        String name = channelName(e.message(), "channel", true);
        Channel ch = nexus().channel(name);
        if (ch == null || !ch.members().contains(e.connection())) {
            throw new RequestException("cannot leave '" + name + "': not a member");
        }
        nexus().leave(e.connection(), ch);
    }

    private void newChannel(MessageEvent e) {
        Channel ch = nexus().joinNew(e.connection(), freshName(prefix(e.message(), "temp")), e.message());
        ObjectNode reply = Json.object();
        reply.put("new_channel", ch.name());
        e.reply(reply);
    }

    private void invite(MessageEvent e) {
        JsonNode b = e.message().get("bot");
        if (b == null || !b.isTextual()) {
            throw new RequestException("invite needs 'bot', the name of a bot; known bots: "
                    + nexus().invitableBotNames());
        }
        BotFactory factory = nexus().invitableBot(b.asText());
        if (factory == null) {
            throw new RequestException("no bot named '" + b.asText() + "'; known bots: "
                    + nexus().invitableBotNames());
        }
        String name = channelName(e.message(), "channel", false);
        boolean fresh = name == null;
        Channel ch = nexus().invite(e.connection(), fresh ? freshName(prefix(e.message(), b.asText())) : name,
                b.asText(), factory, e.message());
        if (fresh) {
            ObjectNode reply = Json.object();
            reply.put("new_channel", ch.name());
            e.reply(reply);
        }
    }

    /**
     * A peer messenger's welcome: from one this one dialled, and also from a POX messenger that
     * dialled this one (POX welcomes from both ends of a connection). Remembered, never answered.
     */
    private void welcome(MessageEvent e) {
        String id = Json.text(e.message(), "session_id");
        if (id == null) {
            throw new RequestException("welcome without a 'session_id' string");
        }
        e.connection().setPeerSessionId(id);
    }

    /**
     * A messenger we dialled accepting the token our transport sent it: nothing to do. From any
     * other connection it is a command like any unknown one.
     */
    private void authenticated(MessageEvent e) {
        if (!e.connection().dialled()) {
            unhandled(e);
        }
    }

    private void test(MessageEvent e, JsonNode value) {
        if (!value.isTextual()) {
            throw new RequestException("'test' must be a string, not " + Json.preview(value));
        }
        ObjectNode reply = Json.object();
        reply.put("test", value.asText().toUpperCase(java.util.Locale.ROOT));
        e.reply(reply);
    }

    private void newlines(MessageEvent e, JsonNode value) {
        if (!value.isBoolean()) {
            throw new RequestException("'newlines' must be true or false, not " + Json.preview(value));
        }
        e.connection().setNewlines(value.asBoolean());
    }

    @Override
    protected void unhandled(MessageEvent e) {
        JsonNode cmd = e.message().get("cmd");
        if (cmd != null) {
            throw new RequestException("unknown command " + Json.preview(cmd) + " on the default channel");
        }
        throw new RequestException("the default channel takes 'cmd' (join_channel, leave_channel, "
                + "new_channel, invite), 'test' or 'newlines'; this message has none of them");
    }

    /** The {@code prefix} of a fresh channel's name, as POX's new_channel and invite take it. */
    private static String prefix(ObjectNode msg, String otherwise) {
        JsonNode p = msg.get("prefix");
        if (p != null && !p.isTextual()) {
            throw new RequestException("'prefix' must be a string, not " + Json.preview(p));
        }
        return p == null ? otherwise : p.asText();
    }

    private String freshName(String prefix) {
        // POX picks P_<random 1..100000>; widen the range if that space is crowded.
        int bound = 100_000;
        while (true) {
            for (int i = 0; i < 16; i++) {
                String name = prefix + "_" + ThreadLocalRandom.current().nextInt(1, bound + 1);
                if (nexus().channel(name) == null) {
                    return name;
                }
            }
            bound = bound > Integer.MAX_VALUE / 10 ? Integer.MAX_VALUE - 1 : bound * 10;
        }
    }

    private static String channelName(ObjectNode msg, String key, boolean required) {
        JsonNode v = msg.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                throw new RequestException("'" + msg.path("cmd").asText() + "' needs '" + key + "', a channel name");
            }
            return null;
        }
        if (!v.isTextual()) {
            throw new RequestException("'" + key + "' must be a string, not " + Json.preview(v));
        }
        return v.asText();
    }
}

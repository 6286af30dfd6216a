package io.poxlog.messenger.core;

/**
 * The bounds on what clients can make the nexus hold in channels and bots, and the refusals,
 * each naming its limit and the numbers (README.md, "Running it safely"): channels in all,
 * channels per connection (joined, and invited into but not joined yet), invited bots per
 * connection and per channel.
 *
 * <p>Checks run on the nexus thread, before anything is created, so a refusal leaves nothing
 * behind. The setters may be called from any thread; set them before transports start.
 */
final class ChannelQuota {
    private volatile int maxChannels = Nexus.DEFAULT_MAX_CHANNELS;
    private volatile int maxChannelsPerConnection = Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION;
    private volatile int maxBotsPerConnection = Nexus.DEFAULT_MAX_BOTS_PER_CONNECTION;

    int maxChannelsPerConnection() {
        return maxChannelsPerConnection;
    }

    int maxBotsPerConnection() {
        return maxBotsPerConnection;
    }

    void setMaxChannels(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("maxChannels must be at least 2, not " + max);
        }
        maxChannels = max;
    }

    void setMaxChannelsPerConnection(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxChannelsPerConnection must be at least 1, not " + max);
        }
        maxChannelsPerConnection = max;
    }

    void setMaxBotsPerConnection(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxBotsPerConnection must be at least 1, not " + max);
        }
        maxBotsPerConnection = max;
    }

    /** Refuses a new channel of that name when the name is too long or the messenger is full. */
    void checkCreate(String name, int existing) {
        if (name.length() > Nexus.MAX_CHANNEL_NAME_LENGTH) {
            throw new RequestException("channel name longer than " + Nexus.MAX_CHANNEL_NAME_LENGTH + " characters");
        }
        if (existing >= maxChannels) {
            throw new RequestException("cannot create channel '" + name + "': the messenger already has " + existing
                    + " channels, its limit");
        }
    }

    /**
     * Refuses {@code con} one more channel (joining {@code ch}, or owning it when {@code ch} is
     * null or new) when it is at its limit. Joining a channel it owns costs nothing: the channel
     * only moves from owned to joined.
     *
     * @param refused what is refused, e.g. {@code cannot join 'x'}
     */
    void checkRoom(Connection con, Channel ch, String refused) {
        int joined = con.channels.size();
        int owned = con.owned.size();
        int held = joined + owned - (ch != null && ch.owner() == con ? 1 : 0);
        if (held < maxChannelsPerConnection) {
            return;
        }
        if (owned == 0) {
            throw new RequestException(refused + ": this connection is already in " + joined
                    + " channels, the limit per connection");
        }
        throw new RequestException(refused + ": this connection is already in " + joined + " channels and holds "
                + owned + " more that it invited bots into and nobody has joined yet, " + (joined + owned)
                + " in all, the limit per connection");
    }

    /** Refuses {@code con} one more invited bot, in {@code ch} (null: a channel not made yet). */
    void checkBots(Connection con, Channel ch, String refused) {
        if (con.invitedBots >= maxBotsPerConnection) {
            throw new RequestException(refused + ": this connection already has " + con.invitedBots
                    + " invited bots running, the limit per connection");
        }
        if (ch != null && ch.invitedBots() >= Nexus.MAX_INVITED_BOTS_PER_CHANNEL) {
            throw new RequestException(refused + ": the channel already has " + ch.invitedBots()
                    + " invited bots, the limit per channel");
        }
    }
}

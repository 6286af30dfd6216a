package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How connections come into channels, and invited bots into channels (PROTOCOL.md §4:
 * {@code join_channel}, {@code new_channel}, {@code invite}), within the bounds of
 * {@link ChannelQuota}. Every check runs before anything is made, and a request that fails after
 * making a channel unmakes it: a refusal leaves nothing behind. A channel made by an invitation
 * belongs to its inviter until its first member comes ({@link UnjoinedChannels}).
 *
 * <p>Nexus thread only.
 */
final class ChannelAdmission {
    private final Nexus nexus;
    private final ChannelQuota quota;
    private final UnjoinedChannels unjoined;

    ChannelAdmission(Nexus nexus, ChannelQuota quota, UnjoinedChannels unjoined) {
        this.nexus = nexus;
        this.quota = quota;
        this.unjoined = unjoined;
    }

    /**
     * See {@link Nexus#join}. Joining a channel one is in already changes nothing.
     *
     * @param refused how a refusal begins, e.g. {@code cannot join 'x'}
     */
    Channel join(Connection con, String name, boolean temporary, ObjectNode joinMessage, String refused) {
        Channel ch = nexus.channel(name);
        if (ch != null && ch.members().contains(con)) {
            return ch;
        }
        quota.checkRoom(con, ch, refused);
        boolean created = ch == null;
        if (created) {
            ch = nexus.getOrCreate(name, temporary);
        }
        try {
            ch.addMember(con, joinMessage);
        } catch (RuntimeException | Error e) {
            discardIfNew(ch, created);
            throw e;
        }
        return ch;
    }

    /**
     * Starts a bot from {@code factory} in the channel of that name for {@code con}. A missing
     * channel is made, and {@code con} owns it until someone joins: it goes when {@code con} goes
     * or nobody joins within the invite timeout. Refused beyond the per-connection channel and
     * bot limits and the per-channel bot limit, and, without the admin right, into a permanent
     * channel.
     */
    Channel invite(Connection con, String name, String botName, BotFactory factory, ObjectNode message) {
        Channel ch = nexus.channel(name);
        String refused = "cannot invite '" + botName + "' into '" + name + "'";
        if (ch != null && !ch.temporary()) {
            // A bot in a permanent channel outlives its inviter: server state, an operator's decision.
            con.require(Role.ADMIN, "inviting a bot into a permanent channel");
        }
        boolean created = ch == null;
        if (created) {
            quota.checkRoom(con, null, refused);
        }
        quota.checkBots(con, ch, refused);
        if (created) {
            ch = nexus.getOrCreate(name, true);
            unjoined.own(con, ch);
        }
        int before = ch.bots().size();
        try {
            factory.create(ch, message);
        } catch (RuntimeException | Error e) {
            discardIfNew(ch, created);
            throw e;
        }
        ch.invited(con, ch.bots().size() - before);
        return ch;
    }

    /** Unmakes a channel this very request made, when the request failed after making it. */
    private void discardIfNew(Channel ch, boolean created) {
        if (created && ch.members().isEmpty()) {
            nexus.destroy(ch);
        }
    }
}

package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A named channel: its members receive what services send to it, and its bots handle what
 * clients send to it. A temporary channel is destroyed when its last member leaves; one that a
 * connection invited a bot into before anybody joined is owned by that connection until its
 * first member comes ({@link UnjoinedChannels}).
 *
 * <p>Owned by the nexus thread: every method must be called on it.
 */
public final class Channel {
    private final Nexus nexus;
    private final String name;
    private final boolean temporary;
    private final Set<Connection> members = new LinkedHashSet<>();
    private final List<ChannelBot> bots = new ArrayList<>();
    private boolean destroyed;
    /** The inviter that waits for a first member, or null; see {@link UnjoinedChannels}. */
    private Connection owner;
    private long expiresAt;
    /**
     * Invited bots here, by inviter still connected (null until the first), so each inviter's
     * count drops when the channel goes.
     */
    private Map<Connection, Integer> inviters;
    private int invitedBots;

    Channel(Nexus nexus, String name, boolean temporary) {
        this.nexus = nexus;
        this.name = name;
        this.temporary = temporary;
    }

    public String name() {
        return name;
    }

    public boolean temporary() {
        return temporary;
    }

    public boolean destroyed() {
        return destroyed;
    }

    public Nexus nexus() {
        return nexus;
    }

    public Set<Connection> members() {
        return Collections.unmodifiableSet(members);
    }

    public List<ChannelBot> bots() {
        return Collections.unmodifiableList(bots);
    }

    /** Sends a message to every member, with this channel's name as its {@code CHANNEL}. */
    public void send(ObjectNode message) {
        message.put("CHANNEL", name);
        if (members.isEmpty()) {
            return;
        }
        byte[] encoded = Json.encode(message);
        for (Connection member : members) {
            member.sendEncoded(encoded);
        }
    }

    /** The connection that invited a bot into this channel and waits for a first member, or null. */
    Connection owner() {
        return owner;
    }

    /** Bots invited into this channel by clients (not those services attach by prefix). */
    int invitedBots() {
        return invitedBots;
    }

    /** The connections whose invited bots run here. */
    Set<Connection> inviters() {
        return inviters == null ? Set.of() : Collections.unmodifiableSet(inviters.keySet());
    }

    void setOwner(Connection owner, long expiresAt) {
        this.owner = owner;
        this.expiresAt = expiresAt;
    }

    /** When an owned channel nobody has joined goes ({@link System#nanoTime()}). */
    long expiresAt() {
        return expiresAt;
    }

    /** {@code inviter} has invited {@code count} more bots in. */
    void invited(Connection inviter, int count) {
        if (count <= 0) {
            return;
        }
        if (inviters == null) {
            inviters = new HashMap<>();
        }
        inviters.merge(inviter, count, Integer::sum);
        inviter.invitedBots += count;
        inviter.invitedInto.add(this);
        invitedBots += count;
    }

    /**
     * {@code inviter} went away while its bots stay here (someone joined): nothing is left to
     * count them against, and the channel must not keep the connection alive.
     */
    void inviterGone(Connection inviter) {
        if (inviters != null) {
            inviters.remove(inviter);
        }
    }

    void addBot(ChannelBot bot) {
        bots.add(bot);
    }

    boolean addMember(Connection con, ObjectNode joinMessage) {
        if (!members.add(con)) {
            return false;
        }
        con.channels.add(this);
        nexus.unjoined().release(this);
        for (ChannelBot bot : List.copyOf(bots)) {
            ServiceGuard.run(con, joinMessage, () -> bot.joined(con, joinMessage));
        }
        return true;
    }

    boolean removeMember(Connection con, boolean allowDestroy) {
        if (!members.remove(con)) {
            return false;
        }
        con.channels.remove(this);
        boolean empty = members.isEmpty();
        for (ChannelBot bot : List.copyOf(bots)) {
            ServiceGuard.run(null, null, () -> bot.left(con, empty));
        }
        if (allowDestroy && temporary && empty) {
            nexus.destroy(this);
        }
        return true;
    }

    void markDestroyed() {
        destroyed = true;
        for (Connection con : List.copyOf(members)) {
            removeMember(con, false);
        }
        for (ChannelBot bot : List.copyOf(bots)) {
            ServiceGuard.run(null, null, bot::destroyed);
        }
        bots.clear();
        if (inviters != null) {
            inviters.forEach((inviter, count) -> {
                inviter.invitedBots -= count;
                inviter.invitedInto.remove(this);
            });
            inviters = null;
            invitedBots = 0;
        }
    }

    @Override
    public String toString() {
        return "<Channel " + name + ">";
    }
}

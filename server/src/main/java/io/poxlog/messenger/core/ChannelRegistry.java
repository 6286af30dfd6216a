package io.poxlog.messenger.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nexus's channels by name, from creation (within the {@link ChannelQuota}'s total, announced
 * to the channel-created listeners, which may attach bots) to destruction. Not for who may join
 * a channel or invite into it ({@link ChannelAdmission}), nor for delivering to it ({@link Router}).
 *
 * <p>Nexus thread only, as all the nexus's state: it needs no lock.
 */
final class ChannelRegistry {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    private final Nexus nexus;
    private final ChannelQuota quota;
    private final UnjoinedChannels unjoined;
    private final Map<String, Channel> channels = new HashMap<>();
    private final List<Consumer<Channel>> createdListeners = new ArrayList<>();

    /** With the default channel, which is permanent, and no other. */
    ChannelRegistry(Nexus nexus, ChannelQuota quota, UnjoinedChannels unjoined) {
        this.nexus = nexus;
        this.quota = quota;
        this.unjoined = unjoined;
        channels.put(Nexus.DEFAULT_CHANNEL, new Channel(nexus, Nexus.DEFAULT_CHANNEL, false));
    }

    /** The channel of that name (null: the default channel), or null. */
    Channel get(String name) {
        return channels.get(name == null ? Nexus.DEFAULT_CHANNEL : name);
    }

    Set<String> names() {
        return Collections.unmodifiableSet(channels.keySet());
    }

    /** Called for every channel created from now on. */
    void onCreated(Consumer<Channel> listener) {
        createdListeners.add(listener);
    }

    /** See {@link Nexus#getOrCreate}: a listener that fails undoes the creation. */
    Channel getOrCreate(String name, boolean temporary) {
        Channel ch = channels.get(name);
        if (ch != null) {
            return ch;
        }
        quota.checkCreate(name, channels.size());
        ch = new Channel(nexus, name, temporary);
        channels.put(name, ch);
        log.debug("Created {} channel '{}'", temporary ? "temporary" : "permanent", name);
        try {
            for (Consumer<Channel> listener : List.copyOf(createdListeners)) {
                listener.accept(ch);
            }
        } catch (RuntimeException | Error e) {
            destroy(ch);
            throw e;
        }
        return ch;
    }

    /** Forgets {@code ch}, once: a channel of its name created since is left alone. */
    void destroy(Channel ch) {
        if (ch.destroyed() || channels.get(ch.name()) != ch) {
            return;
        }
        unjoined.release(ch);
        channels.remove(ch.name());
        ch.markDestroyed();
        log.debug("Destroyed channel '{}'", ch.name());
    }
}

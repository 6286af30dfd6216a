package io.poxlog.messenger.core;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The channels that exist only because a connection invited a bot into them, and that nobody has
 * joined yet. Each is owned by its inviter: it counts against the inviter's channel limit, it
 * goes when the inviter goes, and it goes when nobody joins it within the invite timeout. The
 * first member to join ends the ownership; from then on the channel lives as any temporary one,
 * until its last member leaves.
 *
 * <p>Without this, invited channels outlived their creators and could fill the messenger's
 * channel limit for good (issue 10). Expiry needs no timer per channel: channels wait in the
 * order they were invited into, which is the order of their deadlines (after a shorter timeout
 * is set, a later channel waits at most until the one before it), and one timer at a time wakes
 * the nexus thread for the first deadline.
 *
 * <p>Nexus thread only, except {@link #setTimeout}.
 */
final class UnjoinedChannels {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    private final Nexus nexus;
    private final NexusThread thread;
    /** Owned channels, oldest first. */
    private final Set<Channel> waiting = new LinkedHashSet<>();
    private volatile Duration timeout = Nexus.DEFAULT_INVITE_TIMEOUT;
    private boolean sweepScheduled;
    private long expired;

    UnjoinedChannels(Nexus nexus, NexusThread thread) {
        this.nexus = nexus;
        this.thread = thread;
    }

    Duration timeout() {
        return timeout;
    }

    /** For channels invited into from now on. */
    void setTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the invite timeout must be positive, not " + timeout);
        }
        this.timeout = timeout;
    }

    /** How many owned channels nobody joined in time. */
    long expired() {
        return expired;
    }

    int size() {
        return waiting.size();
    }

    /** {@code owner} invited a bot into {@code ch}, new or without members and unowned. */
    void own(Connection owner, Channel ch) {
        Duration t = timeout;
        ch.setOwner(owner, System.nanoTime() + t.toNanos());
        owner.owned.add(ch);
        waiting.add(ch);
        if (!sweepScheduled) {
            sweepScheduled = true;
            thread.schedule(this::sweep, t);
        }
    }

    /** {@code ch} got a member, or is being destroyed: nobody owns it any more. */
    void release(Channel ch) {
        Connection owner = ch.owner();
        if (owner == null) {
            return;
        }
        owner.owned.remove(ch);
        ch.setOwner(null, 0);
        waiting.remove(ch);
    }

    /** {@code owner} went away: nobody is left to join what it invited bots into. */
    void ownerGone(Connection owner) {
        for (Channel ch : List.copyOf(owner.owned)) {
            release(ch);
            nexus.destroy(ch);
        }
    }

    private void sweep() {
        sweepScheduled = false;
        long now = System.nanoTime();
        int n = 0;
        while (!waiting.isEmpty()) {
            Channel first = waiting.iterator().next();
            if (first.expiresAt() - now > 0) {
                break;
            }
            release(first);
            nexus.destroy(first);
            n++;
        }
        if (n > 0) {
            expired += n;
            log.debug("{} invited channels expired: nobody joined them within {} s", n, timeout.toSeconds());
        }
        if (!waiting.isEmpty()) {
            sweepScheduled = true;
            thread.schedule(this::sweep, Duration.ofNanos(waiting.iterator().next().expiresAt() - now));
        }
    }
}

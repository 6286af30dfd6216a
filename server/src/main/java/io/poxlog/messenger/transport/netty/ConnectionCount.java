package io.poxlog.messenger.transport.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.poxlog.messenger.core.ErrorMessages;
import io.poxlog.messenger.core.IncidentSummary;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.SourceAddresses;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;

/**
 * Bounds the connections one listening transport holds at once, in all and per source address
 * ({@link SourceAddresses}). A connection over a limit is sent one error and closed before it is
 * welcomed, so it never reaches the nexus. Refusals are logged as a summary per interval
 * ({@link IncidentSummary}), not one record each: a client reconnecting in a loop must not flood
 * the log. The map per address holds only addresses with open connections, so it is bounded by
 * the limit in all. Thread-safe: channels are admitted on every I/O thread.
 *
 * <p>For every listening server: the TCP transport refuses in a JSON message
 * ({@link #refuseInJson}), {@code web.webcore} in HTTP ({@link Refusal}).
 */
public final class ConnectionCount {
    /** Tells a refused connection why, and closes it. */
    @FunctionalInterface
    public interface Refusal {
        /** {@code perAddress}: refused over the limit per address, not the limit in all. */
        void refuse(Channel ch, String error, boolean perAddress);
    }

    private final int max;
    private final int maxPerAddress;
    private final Refusal refusal;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final IncidentSummary refused;

    /** Refusals are summarized on {@code log} and answered by {@code refusal}. */
    public ConnectionCount(int max, int maxPerAddress, Logger log, Refusal refusal) {
        this.max = max;
        this.maxPerAddress = maxPerAddress;
        this.refusal = refusal;
        this.refused = new IncidentSummary("connections refused over a limit", IncidentSummary.DEFAULT_INTERVAL,
                log::warn);
    }

    /** Counts {@code ch} until it closes; or refuses it when a limit is reached. */
    public boolean admit(Channel ch) {
        String address = ch.remoteAddress() instanceof InetSocketAddress a ? SourceAddresses.key(a.getAddress()) : null;
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refuse(ch, address, "this server already has " + max + " connections, its limit; try again later",
                    max + " connections is the limit", false);
            return false;
        }
        if (address != null && !admitFrom(address)) {
            open.decrementAndGet();
            refuse(ch, address, "this server already has " + maxPerAddress + " connections from " + address
                    + ", its limit per address; try again later", maxPerAddress + " connections per address is the limit",
                    true);
            return false;
        }
        ch.closeFuture().addListener(f -> {
            open.decrementAndGet();
            if (address != null) {
                perAddress.computeIfPresent(address, (k, n) -> n == 1 ? null : n - 1);
            }
        });
        return true;
    }

    private boolean admitFrom(String address) {
        boolean[] admitted = new boolean[1];
        perAddress.compute(address, (k, n) -> {
            int now = n == null ? 0 : n;
            admitted[0] = now < maxPerAddress;
            return admitted[0] ? now + 1 : n;
        });
        return admitted[0];
    }

    private void refuse(Channel ch, String address, String error, String why, boolean perAddressLimit) {
        refused.report(address, () -> "Refused a connection from " + ch.remoteAddress() + ": " + why);
        refusal.refuse(ch, error, perAddressLimit);
    }

    /** The messenger's way: one JSON error message, then closed (the TCP transport's). */
    public static void refuseInJson(Channel ch, String error, boolean perAddressLimit) {
        byte[] bytes = Json.encode(ErrorMessages.of(null, null, error));
        ch.writeAndFlush(Unpooled.wrappedBuffer(bytes)).addListener(ChannelFutureListener.CLOSE);
    }

    public int open() {
        return open.get();
    }
}

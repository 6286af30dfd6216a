package io.poxlog.messenger.core;

import java.util.function.LongSupplier;

/**
 * Bounds the messages one connection may send: a token bucket of {@code burst} messages refilled
 * at {@code perSecond}. A message over the limit is dropped, and the sender is told once per
 * second of excess; a sender that has more than {@code burst} messages dropped within one second
 * is not slowing down and is to be closed.
 *
 * <p>Transports keep one per connection and ask it about every inbound message before the
 * message reaches the nexus, so that a flood costs its own connection's thread, not everyone's.
 * Not thread-safe: one connection's messages arrive on one thread.
 */
public final class InboundRateLimit {
    /** What to do with one inbound message. */
    public enum Verdict {
        /** Within the limit: route it. */
        ACCEPT,
        /** Over the limit, the first time in this second: drop it and tell the sender. */
        DROP_AND_WARN,
        /** Over the limit again: drop it silently (the sender was told). */
        DROP,
        /** Far over the limit: close the connection. */
        CLOSE
    }

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final int burst;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;
    private long windowStart;
    private int droppedInWindow;

    public InboundRateLimit(int perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    /** With a clock of nanoseconds, so tests can move time instead of waiting for it. */
    public InboundRateLimit(int perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1, not " + perSecond + " and " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
        this.tokens = burst;
        this.refilledAt = nanoClock.getAsLong();
        this.windowStart = refilledAt - SECOND;
    }

    public Verdict onMessage() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(burst, tokens + (now - refilledAt) * (double) perSecond / SECOND);
        refilledAt = now;
        if (tokens >= 1) {
            tokens -= 1;
            return Verdict.ACCEPT;
        }
        boolean newWindow = now - windowStart >= SECOND;
        if (newWindow) {
            windowStart = now;
            droppedInWindow = 0;
        }
        droppedInWindow++;
        if (droppedInWindow > burst) {
            return Verdict.CLOSE;
        }
        return newWindow ? Verdict.DROP_AND_WARN : Verdict.DROP;
    }

    public int perSecond() {
        return perSecond;
    }
}

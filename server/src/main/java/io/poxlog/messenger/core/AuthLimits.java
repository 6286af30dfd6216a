package io.poxlog.messenger.core;

import java.time.Duration;

/**
 * How many wrong tokens a source address may present (README.md, "Running it safely"). From its
 * {@code failuresPerAddress}-th failure on, each failure makes the address wait before its next
 * attempt is even checked, {@code firstBackoff} doubling up to {@code maxBackoff}; an
 * address that has failed no more for {@code forgetAfter} starts afresh. A success resets
 * nothing, or guesses interleaved with a valid token would be unlimited. At most
 * {@code maxAddresses} addresses are remembered (the longest unseen are forgotten first), so
 * an attacker with many addresses cannot grow this state without bound.
 */
public record AuthLimits(int failuresPerAddress, Duration firstBackoff, Duration maxBackoff, Duration forgetAfter,
                         int maxAddresses) {
    public static final int DEFAULT_FAILURES_PER_ADDRESS = 5;
    public static final Duration DEFAULT_FIRST_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofMinutes(10);
    public static final int DEFAULT_MAX_ADDRESSES = 10_000;

    public static final AuthLimits DEFAULTS = new AuthLimits(DEFAULT_FAILURES_PER_ADDRESS, DEFAULT_FIRST_BACKOFF,
            DEFAULT_MAX_BACKOFF, DEFAULT_FORGET_AFTER, DEFAULT_MAX_ADDRESSES);

    public AuthLimits {
        if (failuresPerAddress < 1 || maxAddresses < 1) {
            throw new IllegalArgumentException("failuresPerAddress and maxAddresses must be at least 1, not "
                    + failuresPerAddress + " and " + maxAddresses);
        }
        if (firstBackoff.isNegative() || firstBackoff.isZero() || maxBackoff.compareTo(firstBackoff) < 0
                || forgetAfter.compareTo(maxBackoff) < 0) {
            throw new IllegalArgumentException("backoffs must satisfy 0 < first <= max <= forgetAfter, not "
                    + firstBackoff + ", " + maxBackoff + " and " + forgetAfter);
        }
    }

    public AuthLimits withFailuresPerAddress(int n) {
        return new AuthLimits(n, firstBackoff, maxBackoff, forgetAfter, maxAddresses);
    }

    public AuthLimits withBackoff(Duration first, Duration max) {
        return new AuthLimits(failuresPerAddress, first, max, forgetAfter.compareTo(max) < 0 ? max : forgetAfter,
                maxAddresses);
    }

    public AuthLimits withMaxAddresses(int n) {
        return new AuthLimits(failuresPerAddress, firstBackoff, maxBackoff, forgetAfter, n);
    }
}

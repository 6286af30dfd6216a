package io.poxlog.messenger.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The failed authentications of each source address, and the backoff they earn it
 * ({@link AuthLimits}). Bounded: past {@code maxAddresses} the address unseen for longest is
 * forgotten. Nexus thread only.
 */
final class AuthThrottle {
    private static final class Failures {
        int count;
        long lastAt;
        long blockedUntil;
    }

    private final AuthLimits limits;
    private final LongSupplier nanoClock;
    private final Map<String, Failures> byAddress;

    AuthThrottle(AuthLimits limits) {
        this(limits, System::nanoTime);
    }

    AuthThrottle(AuthLimits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.byAddress = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
                return size() > limits.maxAddresses();
            }
        };
    }

    /** Milliseconds {@code address} must still wait before an attempt is checked; 0 if none. */
    long waitMillis(String address) {
        Failures f = current(address);
        if (f == null) {
            return 0;
        }
        long left = f.blockedUntil - nanoClock.getAsLong();
        return left <= 0 ? 0 : Math.max(1, left / 1_000_000);
    }

    /** Counts one failure of {@code address}; returns the milliseconds it must now wait (0: none). */
    long failed(String address) {
        long now = nanoClock.getAsLong();
        Failures f = current(address);
        if (f == null) {
            f = new Failures();
            byAddress.put(address, f);
        }
        f.count++;
        f.lastAt = now;
        int over = f.count - limits.failuresPerAddress();
        if (over < 0) {
            return 0;
        }
        long first = limits.firstBackoff().toNanos();
        long max = limits.maxBackoff().toNanos();
        long backoff = first;
        for (int i = 0; i < over && backoff < max; i++) {
            backoff = backoff > max / 2 ? max : backoff * 2;
        }
        f.blockedUntil = now + backoff;
        return backoff / 1_000_000;
    }

    /** Failures in all of {@code address} (not yet forgotten). */
    int failures(String address) {
        Failures f = current(address);
        return f == null ? 0 : f.count;
    }

    int addresses() {
        return byAddress.size();
    }

    private Failures current(String address) {
        Failures f = byAddress.get(address);
        if (f != null && nanoClock.getAsLong() - f.lastAt > limits.forgetAfter().toNanos()
                && nanoClock.getAsLong() >= f.blockedUntil) {
            byAddress.remove(address);
            return null;
        }
        return f;
    }
}

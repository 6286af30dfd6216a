package io.poxlog.messenger.core;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Logs a kind of incident that an attacker can repeat at will (a wrong token, a refused
 * connection) as one record per interval instead of one per incident: one record per incident
 * would let one client flood the controller's log and push out what the log service retains for
 * resuming subscribers. The first incident after a quiet interval is logged at once, in full;
 * the ones after it are counted, with the first few source addresses, and logged as one summary
 * at the end of each interval in which any came. Nothing is left uncounted.
 *
 * <p>Thread-safe: incidents may be reported from any thread; summaries are logged from a timer
 * thread.
 */
public final class IncidentSummary {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    /** Source addresses named in one summary; more are said to exist, not listed. */
    public static final int MAX_ADDRESSES_NAMED = 5;

    private final String what;
    private final Duration interval;
    private final Consumer<String> log;
    private final BiConsumer<Runnable, Duration> timer;
    private boolean open;
    private long count;
    private final Set<String> addresses = new LinkedHashSet<>();
    private boolean moreAddresses;

    /** {@code what}: the incidents counted, in the plural ("unknown tokens presented"). */
    public IncidentSummary(String what, Duration interval, Consumer<String> log) {
        this(what, interval, log, (task, delay) -> CompletableFuture
                .delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS, Runnable::run).execute(task));
    }

    /** With {@code timer} running a task after a delay, so tests can move time themselves. */
    IncidentSummary(String what, Duration interval, Consumer<String> log, BiConsumer<Runnable, Duration> timer) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, not " + interval);
        }
        this.what = what;
        this.interval = interval;
        this.log = log;
        this.timer = timer;
    }

    /**
     * Counts one incident from {@code address} (null if unknown); when it is the first in a quiet
     * interval, logs {@code first} at once.
     */
    public void report(String address, Supplier<String> first) {
        synchronized (this) {
            if (open) {
                count++;
                if (address != null && !addresses.contains(address)) {
                    if (addresses.size() < MAX_ADDRESSES_NAMED) {
                        addresses.add(address);
                    } else {
                        moreAddresses = true;
                    }
                }
                return;
            }
            open = true;
            timer.accept(this::endOfInterval, interval);
        }
        log.accept(first.get()); // outside the lock: an appender may be slow
    }

    private void endOfInterval() {
        String text;
        synchronized (this) {
            if (count == 0) {
                open = false;
                return;
            }
            text = count + " more " + what + " in the last " + interval.toSeconds() + " s"
                    + (addresses.isEmpty() ? "" : ", from " + String.join(", ", addresses)
                    + (moreAddresses ? " and other addresses" : ""));
            count = 0;
            addresses.clear();
            moreAddresses = false;
            timer.accept(this::endOfInterval, interval);
        }
        log.accept(text);
    }
}

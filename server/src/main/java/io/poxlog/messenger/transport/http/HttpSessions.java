package io.poxlog.messenger.transport.http;

import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.core.SourceAddresses;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The open sessions of one HTTP transport, by key: makes them (within the session limits, in all
 * and per address, as a TCP transport's connection limits), tells the nexus of each one made and
 * closed, and sweeps them every {@link #SWEEP} for the rules a TCP connection's handler keeps with
 * timers: the expiry of a session with no request, the time allowed to authenticate, the idle
 * rule. Its timer thread also runs the transports' own short waits ({@link #schedule}).
 *
 * <p>Any thread. {@link #stop} closes every session; safe twice.
 */
public final class HttpSessions<S extends HttpSession> {
    /** How often sessions are looked at: the expiry and the other times are kept to within this. */
    public static final Duration SWEEP = Duration.ofMillis(250);
    /** How long a session closing after a last message waits for a request to fetch it. */
    public static final Duration LINGER = Duration.ofSeconds(5);

    private final Nexus nexus;
    private final HttpSessionSettings settings;
    private final Logger log;
    private final Map<String, S> byKey = new ConcurrentHashMap<>();
    private final Map<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicLong numbers = new AtomicLong();
    private final AtomicLong droppedAtClose = new AtomicLong();
    private final ScheduledExecutorService timer;
    private volatile boolean stopped;

    public HttpSessions(Nexus nexus, HttpSessionSettings settings, Logger log, String threadName) {
        this.nexus = nexus;
        this.settings = settings;
        this.log = log;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::sweep, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    public HttpSessionSettings settings() {
        return settings;
    }

    Nexus nexus() {
        return nexus;
    }

    Logger log() {
        return log;
    }

    /** Thrown when a session cannot be made: the transport answers with {@link #status} and the message. */
    public static final class RefusedException extends Exception {
        private final int status;

        RefusedException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    /**
     * Makes a session for a client at {@code address}, with {@code factory} given the session's
     * number (for its name), and tells the nexus, which queues its welcome.
     *
     * @throws RefusedException at a session limit (503 in all, 429 for the address) or once stopped
     */
    public S open(InetAddress address, Function<Long, S> factory) throws RefusedException {
        if (stopped) {
            throw new RefusedException(503, "the transport is stopping");
        }
        String where = SourceAddresses.key(address);
        synchronized (this) {
            if (byKey.size() >= settings.limits().maxConnections()) {
                throw new RefusedException(503, settings.limits().maxConnections()
                        + " sessions are open, this transport's limit (max_sessions); try again later");
            }
            int mine = perAddress.getOrDefault(where, 0);
            if (mine >= settings.limits().maxConnectionsPerAddress()) {
                throw new RefusedException(429, mine + " sessions are open from " + where
                        + ", the limit for one address (max_sessions_per_address)");
            }
            perAddress.merge(where, 1, Integer::sum);
            S s = factory.apply(numbers.incrementAndGet());
            s.setRemoteAddress(address);
            byKey.put(s.key(), s);
            nexus.connected(s);
            log.debug("{} opened from {}: session {}", s, where, s.shortKey());
            return s;
        }
    }

    /** The open session of that key, or null. */
    public S find(String key) {
        return key == null ? null : byKey.get(key);
    }

    public int open() {
        return byKey.size();
    }

    /** The sessions open now (a copy). */
    public List<S> all() {
        return new ArrayList<>(byKey.values());
    }

    /** Messages that were still queued for sessions when they closed, in all. */
    public long droppedAtClose() {
        return droppedAtClose.get();
    }

    /** Runs {@code task} on the timer thread after {@code delay}. */
    public ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("A timed task failed", e);
            }
        }, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    void closeLater(HttpSession s) {
        if (!timer.isShutdown()) {
            schedule(s::lingerEnded, LINGER);
        }
    }

    /** From {@link HttpSession#closeLocked}, with the session's lock held. */
    void closed(HttpSession s, String why, int dropped) {
        synchronized (this) {
            if (byKey.remove(s.key(), s)) {
                perAddress.computeIfPresent(SourceAddresses.key(s.remoteAddress()), (k, n) -> n <= 1 ? null : n - 1);
            }
        }
        if (dropped > 0) {
            droppedAtClose.addAndGet(dropped);
            log.info("{} closed ({}) with {} messages not fetched; they are dropped", s, why, dropped);
        } else {
            log.debug("{} closed: {}", s, why);
        }
        nexus.disconnected(s);
    }

    private void sweep() {
        long now = System.nanoTime();
        boolean auth = nexus.authRequired();
        for (S s : byKey.values()) {
            try {
                s.sweep(now, auth);
            } catch (RuntimeException e) {
                log.warn("Sweeping {} failed", s, e);
            }
        }
    }

    /** Closes every session (their waiting requests answered) and the timer. Safe twice. */
    public void stop() {
        stopped = true;
        List<S> all = new ArrayList<>(byKey.values());
        for (S s : all) {
            synchronized (s) {
                s.closeLocked("the transport is stopping");
            }
        }
        timer.shutdownNow();
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}

package io.poxlog.logservice;

import io.poxlog.testing.Await;
import io.poxlog.testing.WireClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The messenger's liveness during an attack: a second client that does {@code test} round trips
 * ({@link WireClient#drain}) on its own thread while the attack runs, and keeps the longest. A
 * round trip goes through the nexus thread, so a stalled nexus shows here even when the log
 * itself still flows. They begin at most one per 2 ms ({@link #PACE_NANOS}): back to back, on an
 * idle machine, they passed the connection's 1,000 messages a second, and the round trip whose
 * message the rate limit dropped was never answered (the test failed with "no message within
 * 10 s" where nothing had stalled).
 *
 * <p>Threads: its own daemon thread does the round trips; the test's thread calls
 * {@link #start} and {@link #assertAnsweredWithin}.
 */
final class MessengerProbe implements AutoCloseable {
    /**
     * The longest round trip an attack test allows once its attack is fixed: seconds on a loaded
     * machine, where the attacks held the nexus 14 s and more.
     */
    static final Duration MAX_ROUND_TRIP = Duration.ofSeconds(5);
    /** Round trips 2 ms apart: at most 500 messages a second, half the limit. */
    static final long PACE_NANOS = 2_000_000;
    private final WireClient client;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long longestNanos;
    private volatile long roundTrips;
    private volatile Throwable failure;

    private MessengerProbe(WireClient client) {
        this.client = client;
        this.thread = new Thread(this::run, "messenger-probe");
        thread.setDaemon(true);
    }

    static MessengerProbe start(InetSocketAddress address) throws IOException, InterruptedException {
        WireClient c = WireClient.connect(address);
        c.welcome();
        MessengerProbe p = new MessengerProbe(c);
        p.thread.start();
        return p;
    }

    private void run() {
        while (running) {
            long t = System.nanoTime();
            try {
                client.drain();
            } catch (InterruptedException e) {
                return;
            } catch (IOException | AssertionError e) {
                if (running) {
                    failure = e;
                }
                return;
            }
            long took = System.nanoTime() - t;
            longestNanos = Math.max(longestNanos, took);
            roundTrips++;
            if (took < PACE_NANOS) {
                java.util.concurrent.locks.LockSupport.parkNanos(PACE_NANOS - took);
            }
        }
    }

    /**
     * Stops probing, after one more round trip that began after the attack was answered, and fails
     * unless every round trip was answered within {@code deadline}.
     */
    void assertAnsweredWithin(Duration deadline) throws InterruptedException {
        long seen = roundTrips;
        try {
            Await.until("another client's round trip begun after the attack is answered",
                    deadline.plus(WireClient.TIMEOUT), () -> roundTrips >= seen + 2 || failure != null);
        } finally {
            running = false;
        }
        thread.join(WireClient.TIMEOUT.toMillis());
        if (failure != null) {
            throw new AssertionError("the messenger stopped answering another client: " + failure, failure);
        }
        if (longestNanos > deadline.toNanos()) {
            throw new AssertionError("another client's round trip took " + TimeUnit.NANOSECONDS.toMillis(longestNanos)
                    + " ms; at most " + deadline.toMillis() + " ms allowed (" + roundTrips + " round trips)");
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        client.close();
    }
}

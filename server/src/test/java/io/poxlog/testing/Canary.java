package io.poxlog.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The second subscriber of every attack test (issue 10): while an attacker does its worst on
 * another connection, a ticker logs a record every few milliseconds through the controller's own
 * logger, and the canary, an ordinary subscriber on its own socket, reads them. At the end
 * {@link #assertAlive} checks that the canary was never starved for longer than allowed, that
 * every {@code seq} it missed was told in a gap notice (nothing lost silently), and that a record
 * logged after the attack still reaches it.
 *
 * <p>Threads: the ticker and the canary's reader run on their own daemon threads; the test's
 * thread calls {@link #start}, {@link #assertAlive} and {@link #close}.
 */
public final class Canary implements AutoCloseable {
    /**
     * The longest silence an attack test allows once its attack is fixed. On the 2-core machine
     * shared with other builds, the canary's gaps reach 0.7 s beside 16 large grep patterns at a
     * load of 12 (under 0.1 s in most attacks), and loads of 25 stretch that several times; the
     * attacks themselves silenced it for 14 s to for good, or are caught by their own measure
     * (memory held, bytes sent).
     */
    public static final Duration MAX_SILENCE = Duration.ofSeconds(5);
    private static final long TICK_MILLIS = 10;

    private final WireClient client;
    private final String channel = "log_canary_" + UUID.randomUUID();
    private final Logger ticker;
    private final List<Long> arrivals = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private Thread tickThread;
    private Thread readThread;
    private volatile boolean running = true;
    private long lastSeq = -1;
    private long told;
    private volatile long ticks;
    private long ticksReceived;
    private final Set<String> finals = new HashSet<>();
    private static final String FINAL = "canary-final-";

    private Canary(WireClient client, Logger ticker) {
        this.client = client;
        this.ticker = ticker;
    }

    /**
     * Connects to {@code address} (authenticating with {@code token} when it is non-null), joins
     * a channel of its own listening to {@code ticker}'s logger only, and starts ticking.
     */
    public static Canary start(InetSocketAddress address, String token, Logger ticker) throws IOException, InterruptedException {
        WireClient c = WireClient.connect(address);
        c.welcome();
        if (token != null) {
            JsonNode answer = c.authenticate(token);
            if (!"authenticated".equals(answer.path("cmd").asText())) {
                throw new AssertionError("the canary's token was refused: " + answer);
            }
        }
        Canary canary = new Canary(c, ticker);
        c.send("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + canary.channel + "\",\"json\":true,"
                + "\"subsystems\":[\"" + ticker.getName() + "\",\"messenger.log_service\"]}");
        c.drain(); // the join is in the service's queue now: every tick from here on is ours
        canary.run();
        return canary;
    }

    private void run() {
        tickThread = new Thread(() -> {
            while (running) {
                ticker.warn("canary tick {}", ++ticks);
                try {
                    if (stopped.await(TICK_MILLIS, TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "canary-ticker");
        tickThread.setDaemon(true);
        tickThread.start();
        readThread = new Thread(this::read, "canary-reader");
        readThread.setDaemon(true);
        readThread.start();
    }

    private void read() {
        while (running) {
            JsonNode m;
            try {
                m = client.nextOrClosed();
            } catch (InterruptedException e) {
                return;
            } catch (AssertionError silent) {
                synchronized (this) {
                    problems.add("nothing at all for " + WireClient.TIMEOUT + ": " + silent.getMessage());
                }
                continue;
            }
            if (m == null) {
                if (running) {
                    synchronized (this) {
                        problems.add("the canary's connection was closed");
                    }
                }
                return;
            }
            take(m);
        }
    }

    private synchronized void take(JsonNode m) {
        if (!channel.equals(m.path("CHANNEL").asText())) {
            return;
        }
        arrivals.add(System.nanoTime());
        String text = m.path("message").asText();
        if (text.startsWith(FINAL)) {
            finals.add(text);
        } else if (text.startsWith("canary tick ")) {
            ticksReceived++;
        }
        if (m.has("gap")) {
            long first = m.get("gap").get(0).asLong();
            long last = m.get("gap").get(1).asLong();
            told += last - first + 1;
            lastSeq = Math.max(lastSeq, last);
            return;
        }
        long seq = m.path("seq").asLong(-1);
        if (seq < 0) {
            return;
        }
        // The canary listens to its ticker only, so seqs jump over everyone else's records: a
        // jump is a loss only if one of its own was among them, which the gap notice would say.
        // What must hold: seqs only ever go up.
        if (seq <= lastSeq) {
            problems.add("seq went back or repeated: " + seq + " after " + lastSeq);
        }
        lastSeq = seq;
    }

    /** Records the canary received so far (ticks and notices). */
    public synchronized int received() {
        return arrivals.size();
    }

    /**
     * Stops the ticker and fails unless the canary was never without a record for
     * {@code maxSilence} while it ran, every tick it did not receive was told lost in a gap
     * notice, and a record logged now reaches it.
     */
    public void assertAlive(Duration maxSilence) throws InterruptedException {
        stopped.countDown();
        tickThread.join(TimeUnit.SECONDS.toMillis(10));
        String marker = FINAL + UUID.randomUUID();
        ticker.error(marker);
        Await.until("the canary receives a record logged after the attack", WireClient.TIMEOUT.plusSeconds(20),
                () -> hasFinal(marker));
        synchronized (this) {
            if (ticksReceived + told < ticks) {
                problems.add(ticks + " ticks logged but only " + ticksReceived + " received and " + told
                        + " told lost: records were lost silently");
            }
            long longest = 0;
            for (int i = 1; i < arrivals.size(); i++) {
                longest = Math.max(longest, arrivals.get(i) - arrivals.get(i - 1));
            }
            if (!problems.isEmpty()) {
                throw new AssertionError("canary: " + problems);
            }
            if (longest > maxSilence.toNanos()) {
                throw new AssertionError("the canary went " + TimeUnit.NANOSECONDS.toMillis(longest)
                        + " ms without a record; at most " + maxSilence.toMillis() + " ms allowed ("
                        + arrivals.size() + " records received, " + told + " told lost)");
            }
        }
    }

    private synchronized boolean hasFinal(String marker) {
        return finals.contains(marker);
    }

    @Override
    public void close() throws IOException {
        running = false;
        stopped.countDown();
        client.close();
    }
}

package io.poxlog.bench;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;

/**
 * The controller's side of the soak: a thread logging at a steady rate (timing each log call,
 * which must never wait for the clients), and a probe that makes a {@code test} round trip every
 * 50 ms and times it: together they show whether the controller stayed responsive.
 */
final class SoakLoad {
    static final String END = "soak-end";
    private static final long PROBE_EVERY_NANOS = 50_000_000;

    private final SoakServer server;
    private final int rate;
    private volatile boolean running = true;
    private final AtomicLong logged = new AtomicLong();
    private final AtomicLong maxLogCallNanos = new AtomicLong();
    private final AtomicLong probeFailures = new AtomicLong();
    /** Written by the probe thread, read after {@link #stop} has joined it. */
    private final Percentiles rtts = new Percentiles(1024);
    private Thread logger;
    private Thread probe;

    SoakLoad(SoakServer server, int rate) {
        this.server = server;
        this.rate = rate;
    }

    void start() {
        logger = new Thread(this::log, "soak-logger");
        probe = new Thread(this::probe, "soak-probe");
        logger.start();
        probe.start();
    }

    /** Stops both, then logs the end marker: the last record of the run. */
    void stop() throws InterruptedException {
        running = false;
        logger.join();
        probe.join();
        server.app.warn(END);
    }

    private void log() {
        Logger noise = server.context.getLogger(SoakServer.noiseLogger(
                ThreadLocalRandom.current().nextInt(SoakServer.NOISE_LOGGERS)));
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (running) {
            long n = logged.incrementAndGet();
            long t0 = System.nanoTime();
            server.app.info("soak record {} of the run", n);
            maxLogCallNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
            if (n % 10 == 0) {
                noise.debug("noise {}", n); // streamed only while an operator has set DEBUG there
            }
            next += interval;
            Pace.until(next);
        }
    }

    private void probe() {
        try (SoakConnection c = new SoakConnection(server.address(), server.adminToken)) {
            if (!c.awaitReady()) {
                probeFailures.incrementAndGet();
                return;
            }
            while (running) {
                long t0 = System.nanoTime();
                if (SoakSessions.roundTrip(c) != null) {
                    probeFailures.incrementAndGet();
                }
                long rtt = System.nanoTime() - t0;
                rtts.add(rtt);
                LockSupport.parkNanos(Math.max(0, PROBE_EVERY_NANOS - rtt)); // the probing pace
            }
        } catch (IOException | InterruptedException e) {
            probeFailures.incrementAndGet();
        }
    }

    long probeFailures() {
        return probeFailures.get();
    }

    /** After {@link #stop}. */
    Map<String, Object> figures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("records logged", logged.get() + 1);
        f.put("slowest log call ms", maxLogCallNanos.get() / 1e6);
        f.put("probe round trips", rtts.count());
        if (rtts.count() > 0) {
            f.put("probe p50 ms", rtts.at(0.5) / 1e6);
            f.put("probe p99 ms", rtts.at(0.99) / 1e6);
            f.put("probe max ms", rtts.at(1.0) / 1e6);
        }
        return f;
    }
}

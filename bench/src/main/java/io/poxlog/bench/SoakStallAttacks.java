package io.poxlog.bench;

import static io.poxlog.bench.SoakLogAttacks.channel;
import static io.poxlog.bench.SoakLogAttacks.inject;
import static io.poxlog.bench.SoakLogAttacks.join;

import io.poxlog.messenger.core.Nexus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The hostile client's attacks that subscribe and then stop reading (issue 10, items 1 and 2):
 * the server must hold what waits for such a connection to its limit (4 MiB and one record),
 * drop the rest for it alone and tell it so when it reads again, while everyone else is served.
 * Each on a connection already authenticated (admin for the one that injects); each returns null
 * when the server did so, else what it did instead.
 */
final class SoakStallAttacks {
    /** Issue 10, item 2: 64 joins of this backlog on one connection that never reads. */
    static final int BACKLOG = 10_000;
    /**
     * Records of 20,000 characters, each 1.8 MB in a 90-times format (cut to 1 MiB): 30 MiB,
     * twice what the server's 4 MiB mark and the kernel's socket buffers hold.
     */
    static final int BIG_RECORDS = 30;
    private static final int BIG_MESSAGE_CHARS = 20_000;
    private static final long REPLY_MS = SoakClient.REPLY_MS;
    private static final int AFTER_ATTEMPTS = 5;
    /** A gap notice is shorter; a record's first bytes hold its channel and the start of its message. */
    private static final int HEAD_BYTES = 1024;

    private SoakStallAttacks() {
    }

    /** How long a stalled connection does not read: the attack's length, not a wait for anything. */
    private static void stall() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(ThreadLocalRandom.current().nextLong(300, 1500)));
    }

    /**
     * Joins as many log channels as a connection may, each with {@code backlog: 10000}, and does
     * not read for a while; then reads, and every channel's records must have come in order with
     * every seq skipped told in a gap notice.
     */
    static String replays(SoakConnection c, SoakRefusals r) throws IOException, InterruptedException {
        String prefix = channel("replay") + "_";
        Map<String, SeqTracker> trackers = new ConcurrentHashMap<>();
        c.onMessages(ch -> ch.startsWith(prefix),
                m -> trackers.computeIfAbsent(m.channel(), k -> new SeqTracker()).accept(m.tree()));
        c.stallReading();
        for (int i = 0; i < Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION; i++) {
            c.send(join(prefix + i).put("backlog", BACKLOG));
        }
        stall();
        c.resumeReading();
        // Its answer waits behind what the server let wait for this connection: a few MiB.
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "after the stall: " + problem;
        }
        long lost = 0;
        long outOfOrder = 0;
        for (SeqTracker t : trackers.values()) {
            lost += t.silentlyLost();
            outOfOrder += t.outOfOrder();
        }
        if (lost > 0 || outOfOrder > 0) {
            return "replays to a connection that stopped reading lost " + lost + " records silently and sent "
                    + outOfOrder + " out of order";
        }
        r.count("backlog replays held for a connection not reading");
        return null;
    }

    /**
     * A subscription whose format makes every record of {@link SoakLogAttacks#BATCH} 90 times its
     * message stops reading, and an operator logs a batch of long records there, 30 MiB for this
     * subscription: the server must drop for it within the batch (not buffer the batch), and tell
     * it how many once it reads again.
     */
    static String amplifiedBatch(SoakConnection c, SoakRefusals r, SoakServer server)
            throws IOException, InterruptedException {
        String ch = channel("batch");
        String marker = "batch-" + UUID.randomUUID();
        AtomicInteger received = new AtomicInteger();
        AtomicLong told = new AtomicLong();
        CountDownLatch after = new CountDownLatch(1);
        c.onMessages(ch::equals, m -> {
            // Records of a megabyte are told apart by their first bytes, not parsed: parsing
            // 30 MiB would take the soak's own cores from the clients it measures.
            byte[] b = m.bytes();
            String head = new String(b, 0, Math.min(b.length, HEAD_BYTES), StandardCharsets.UTF_8);
            if (b.length < HEAD_BYTES && head.contains("\"gap\"")) {
                told.addAndGet(m.tree().path("dropped").asLong());
            } else if (head.contains(marker + "-after")) {
                after.countDown();
            } else if (head.contains(marker + " ")) {
                received.incrementAndGet();
            }
        });
        c.send(join(ch, SoakLogAttacks.BATCH).put("format", SoakLogAttacks.MESSAGES_90).put("grep", marker));
        String problem = SoakSessions.roundTrip(c);
        if (problem != null) {
            return "join: " + problem;
        }
        c.stallReading();
        try (SoakConnection operator = new SoakConnection(server.address(), server.adminToken)) {
            if (!operator.awaitReady()) {
                return "the operator: " + operator.failure();
            }
            String big = " " + "z".repeat(BIG_MESSAGE_CHARS);
            for (int i = 0; i < BIG_RECORDS; i++) {
                operator.send(inject(SoakLogAttacks.BATCH, marker + big));
            }
            problem = SoakSessions.roundTrip(operator); // the batch is in the service's queue
            if (problem != null) {
                return "the operator: " + problem;
            }
            problem = awaitTaken(server);
            if (problem != null) {
                return problem;
            }
            c.resumeReading();
            problem = SoakSessions.roundTrip(c); // answered once what waited for the connection is read
            if (problem != null) {
                return "after the stall: " + problem;
            }
            // Once it reads, a record logged after the batch reaches it (unless others' batches
            // fill it again: then that record too is told lost, and the next one tried).
            for (int i = 0; i < AFTER_ATTEMPTS && after.getCount() > 0; i++) {
                operator.send(inject(SoakLogAttacks.BATCH, marker + "-after"));
                after.await(REPLY_MS / AFTER_ATTEMPTS, TimeUnit.MILLISECONDS);
            }
        }
        if (after.getCount() > 0) {
            return "no record logged after the batch arrived within " + REPLY_MS + " ms";
        }
        if (received.get() == BIG_RECORDS) {
            return BIG_RECORDS + " records of 1 MiB each all waited for a connection that did not read";
        }
        if (BIG_RECORDS - received.get() > told.get()) {
            return (BIG_RECORDS - received.get()) + " of " + BIG_RECORDS + " records were lost and gap notices told of "
                    + told.get();
        }
        r.count("output held at its 4 MiB mark, the rest told as a gap");
        return null;
    }

    /**
     * Waits until the service has taken every record now in its queue (it numbers them in
     * order; others keep logging, so the count passes the mark), with a deadline.
     */
    private static String awaitTaken(SoakServer server) {
        long mark = server.service.queued();
        mark += server.service.published();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REPLY_MS);
        while (server.service.published() < mark) {
            if (System.nanoTime() > deadline) {
                return "the log service did not take its queue within " + REPLY_MS + " ms";
            }
            LockSupport.parkNanos(5_000_000); // polling the service's count, with a deadline
        }
        return null;
    }
}

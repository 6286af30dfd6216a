package io.poxlog.bench;

import ch.qos.logback.classic.Level;
import io.poxlog.messenger.core.IncidentSummary;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The soak (issue "security and reliability"): hundreds of clients joining, leaving, subscribing
 * with resume and sending good and bad input at random while the controller logs, beside hostile
 * clients mixing the attacks of issue 10 ({@link SoakHostile}); then checks that no subscriber
 * lost a record silently, that every resume recovered or reported its gap, that the controller
 * stayed responsive and its log service running, that no subscriber went silent for long, that
 * every attack was refused naming its limit, that refused attempts did not fill the log, and that
 * connections, channels, heap and threads came back to where they were.
 */
final class SoakRun {
    /** How big and how long; {@code hostile} clients beside the {@code clients}. */
    record Config(int clients, Duration duration, int recordsPerSecond, int retain, int hostile) {
    }

    private static final long SETTLE_MS = 20_000;
    /**
     * The longest a subscriber may go without a message while the controller logs hundreds of
     * records a second. The attack tests allow 2 to 3 s to one canary; the soak's subscribers
     * share two loaded cores with hundreds of clients.
     */
    static final Duration MAX_SILENCE = Duration.ofSeconds(3);
    /** Incidents the messenger summarizes: unknown tokens, attempts refused unchecked, refused connections. */
    private static final int SUMMARIZED_KINDS = 3;
    private final Config config;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

    SoakRun(Config config) {
        this.config = config;
    }

    SoakReport run() throws Exception {
        try (SoakServer server = new SoakServer(config.retain())) {
            phase(server, Math.min(config.clients(), 20), 0, Duration.ofSeconds(2), new SoakTally(), null, null);
            awaitNoConnections(server);
            long baseHeap = Heap.settledUsed();
            int baseThreads = threads();
            int baseChannels = server.nexusState()[1];

            SoakTally tally = new SoakTally();
            SoakRefusals refusals = new SoakRefusals();
            List<SoakClient> clients;
            long started = System.nanoTime();
            try (SoakMessengerLog messengerLog = SoakMessengerLog.watch()) {
                clients = phase(server, config.clients(), config.hostile(), config.duration(), tally, refusals, figures);
                checkTheLog(messengerLog, refusals, Duration.ofNanos(System.nanoTime() - started));
            }
            checkTheService(server, refusals);
            long silentlyLost = 0;
            long outOfOrder = 0;
            long resumes = 0;
            long reportedGaps = 0;
            long keptUp = 0;
            long longestSilence = 0;
            for (SoakClient c : clients) {
                longestSilence = Math.max(longestSilence, c.tracker.longestSilenceNanos());
                silentlyLost += c.tracker.silentlyLost();
                outOfOrder += c.tracker.outOfOrder();
                resumes += c.tracker.resumes();
                reportedGaps += c.tracker.reportedGaps();
                keptUp += c.tracker.keptUp() ? 1 : 0;
            }
            figures.put("sessions ok/unexpected", tally.sessions());
            figures.put("subscribers never told of a gap", keptUp + " of " + clients.size());
            figures.put("resumes", resumes);
            figures.put("gaps reported", reportedGaps);
            figures.put("records lost silently", silentlyLost);
            figures.put("records out of order", outOfOrder);
            figures.put("longest silence of a subscriber ms", longestSilence / 1_000_000);
            check(tally.unexpectedTotal() == 0, tally.unexpectedTotal() + " sessions went unexpectedly: " + tally.examples());
            check(silentlyLost == 0, silentlyLost + " records were lost without a gap notice");
            check(outOfOrder == 0, outOfOrder + " records came out of order");
            check(longestSilence <= MAX_SILENCE.toNanos(), "a subscriber went " + longestSilence / 1_000_000
                    + " ms without a message, more than " + MAX_SILENCE.toMillis());

            awaitNoConnections(server);
            int channels = server.nexusState()[1];
            figures.put("channels before/after", baseChannels + "/" + channels);
            check(channels == baseChannels, "channels did not return to " + baseChannels + ": " + channels);
            long endHeap = Heap.settledUsed();
            int endThreads = settledThreads(baseThreads + 2);
            figures.put("heap MiB before/after", baseHeap / (1 << 20) + "/" + endHeap / (1 << 20));
            figures.put("threads before/after", baseThreads + "/" + endThreads);
            check(endHeap <= baseHeap + Math.max(32L << 20, baseHeap / 4), "heap grew from " + baseHeap + " to " + endHeap);
            check(endThreads <= baseThreads + 2, "threads grew from " + baseThreads + " to " + endThreads);
        }
        return new SoakReport(figures, problems);
    }

    /**
     * Runs {@code n} clients and {@code hostile} hostile ones for {@code length} while the
     * controller logs, with a probe measuring responsiveness and a referee subscriber connected
     * throughout; then has every client resume once more and catch up with the last record.
     * Figures go to {@code out} unless null.
     */
    private List<SoakClient> phase(SoakServer server, int n, int hostile, Duration length, SoakTally tally,
                                   SoakRefusals refusals, Map<String, Object> out) throws Exception {
        SoakLoad load = new SoakLoad(server, config.recordsPerSecond());
        SoakClient referee = new SoakClient(server, tally, () -> true);
        CompletableFuture<Long> endSeq = new CompletableFuture<>();
        try (SoakConnection refereeConnection = new SoakConnection(server.address(), server.readToken)) {
            check(referee.resume(refereeConnection, 0, () -> true) == null, "the referee could not subscribe");
            refereeConnection.onRecords(referee.channel, m -> {
                referee.tracker.accept(m);
                if (SoakLoad.END.equals(m.path("message").asText())) {
                    endSeq.complete(m.get("seq").asLong());
                }
            });
            load.start();
            List<SoakClient> clients = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            long until = System.nanoTime() + length.toNanos();
            for (int i = 0; i < n; i++) {
                SoakClient c = new SoakClient(server, tally, () -> System.nanoTime() < until);
                clients.add(c);
                Thread t = new Thread(c, "soak-client-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            SoakHostile.Deck deck = new SoakHostile.Deck();
            for (int i = 0; i < hostile; i++) {
                Thread t = new Thread(new SoakHostile(server, deck, tally, refusals, () -> System.nanoTime() < until),
                        "soak-hostile-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
            for (Thread t : threads) {
                t.join(length.toMillis() + 60_000);
            }
            load.stop(); // logs the end marker last
            long last = endSeq.get(SETTLE_MS, TimeUnit.MILLISECONDS);
            finalResumes(clients, tally, last);
            if (out != null) {
                out.put("clients", n);
                out.put("hostile clients", hostile);
                out.put("seconds", length.toSeconds());
                out.putAll(load.figures());
                out.put("last seq", last);
                check(referee.tracker.keptUp() && referee.tracker.last() == last,
                        "the referee, connected throughout, did not see every record up to " + last);
                check(load.probeFailures() == 0, load.probeFailures() + " responsiveness probes went unanswered");
                long silence = referee.tracker.longestSilenceNanos();
                out.put("longest silence of the referee ms", silence / 1_000_000);
                check(silence <= MAX_SILENCE.toNanos(), "the referee went " + silence / 1_000_000
                        + " ms without a record, more than " + MAX_SILENCE.toMillis());
            }
            return clients;
        }
    }

    /** Each client that ever subscribed resumes once more and must reach the last record. */
    private void finalResumes(List<SoakClient> clients, SoakTally tally, long last) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (SoakClient c : clients) {
            if (c.tracker.last() < 0) {
                continue;
            }
            Thread t = new Thread(() -> {
                try (SoakConnection con = new SoakConnection(c.server().address(), c.server().readToken)) {
                    String p = c.resume(con, SETTLE_MS, () -> c.tracker.last() >= last);
                    if (p == null && c.tracker.last() < last) {
                        p = "resumed at " + c.tracker.last() + " but never reached " + last;
                    }
                    if (p == null) {
                        tally.ok("FINAL_RESUME");
                    } else {
                        tally.unexpected("FINAL_RESUME", p);
                    }
                } catch (Exception e) {
                    tally.unexpected("FINAL_RESUME", e.toString());
                }
            }, "soak-final-resume");
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join(SETTLE_MS + 10_000);
        }
    }

    /** The hostile clients' refusals by kind, and the messenger's records, which must be summaries. */
    private void checkTheLog(SoakMessengerLog log, SoakRefusals refusals, Duration took) {
        figures.put("hostile refusals by kind", refusals.byKind());
        long bound = 2L * SUMMARIZED_KINDS * (took.toSeconds() / IncidentSummary.DEFAULT_INTERVAL.toSeconds() + 1);
        figures.put("messenger records (INFO+)", log.records() + " (at most " + bound + " in " + took.toSeconds() + " s)");
        check(log.records() <= bound, "the messenger logged " + log.records() + " records in " + took.toSeconds()
                + " s, more than " + bound + " summaries: " + log.examples());
    }

    /** The log service is running, and the levels the attacks tried to set are not. */
    private void checkTheService(SoakServer server, SoakRefusals refusals) {
        figures.put("log service failures", server.service.failures());
        check(server.service.failure() == null, "the log service stopped: " + server.service.failure());
        check(server.service.failures() == 0, "the log service's thread failed " + server.service.failures() + " times");
        figures.put("records cut / dropped for slow subscribers", server.service.cutRecords() + " / "
                + server.service.droppedForSlowSubscribers());
        Level root = server.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel();
        check(root == Level.INFO, "the root logger's level became " + root);
        check(config.hostile() == 0 || refusals.total() > 0, "the hostile clients were never refused");
    }

    private void awaitNoConnections(SoakServer server) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        while (server.openConnections() > 0 || server.nexusState()[0] > 0) {
            if (System.nanoTime() > deadline) {
                check(false, "connections still open at the end: " + server.openConnections());
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
    }

    private void check(boolean ok, String problem) {
        if (!ok) {
            problems.add(problem);
        }
    }

    private static int threads() {
        return ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** The thread count once it is at most {@code limit}, or after the settle time: threads end lazily. */
    private static int settledThreads(int limit) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MS);
        while (threads() > limit && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
        }
        return threads();
    }
}

package io.poxlog.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenarios whose figures are compared, run interleaved: the raw ceiling
 * ({@link RawLoopback}), end to end over TCP and end to end over WebSocket (and over comet:
 * it is merged: {@link CometE2e}). All are set up and warmed up first; then each round measures
 * each of them in turn for a short segment, while the others stand idle. Each compared figure is
 * the median of its per-round ratios, with their min and max: {@code efficiency} = e2e ÷ raw,
 * {@code ws_over_tcp} = WebSocket ÷ TCP. The machine's speed drifts over a run; within a round
 * it hardly does, so a per-round ratio measures the code rather than the drift.
 */
final class TransportRounds {
    /** A scenario measured in turns. */
    interface Case extends AutoCloseable {
        /** Runs untimed for {@code nanos}, for the JIT and the buffers. */
        void warmUp(long nanos);

        /** Measures for {@code nanos}, then lets whatever is in flight arrive before it returns. */
        Segment measure(long nanos);
    }

    /** One turn's figures: records per second, and the process's CPU (all of it, the subscribers' part) per record. */
    record Segment(double perSecond, double cpuNanosPerRecord, double subscriberCpuNanosPerRecord) {
    }

    private final int rounds;
    private final long segmentNanos;
    private final long warmUpNanos;

    TransportRounds(boolean quick) {
        this.rounds = quick ? 3 : 10;
        this.segmentNanos = (quick ? 750 : 1_500) * 1_000_000L;
        this.warmUpNanos = (quick ? 1_000 : 3_000) * 1_000_000L;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        try (RawLoopback raw = new RawLoopback();
             E2e tcp = E2e.tcp();
             E2e ws = E2e.webSocket();
             E2e comet = CometE2e.ENABLED ? CometE2e.start() : null) {
            List<Case> cases = new ArrayList<>(List.of(new RawCase(raw), tcp, ws));
            if (comet != null) {
                cases.add(comet);
            }
            for (Case c : cases) {
                c.warmUp(warmUpNanos);
            }
            long jit0 = Jit.compilationMillis();
            Segment[][] s = new Segment[cases.size()][rounds];
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < cases.size(); i++) {
                    s[i][r] = cases.get(i).measure(segmentNanos);
                }
            }
            put(out, "raw_loopback", "record", s[0]);
            out.put("raw_loopback_record_bytes", (long) raw.recordBytes());
            put(out, "e2e_1sub", "record", s[1]);
            out.put("e2e_1sub_lost", tcp.subs.lost());
            out.put("e2e_1sub_unreported_losses", tcp.subs.unreported());
            put(out, "e2e_ws_1sub", "record", s[2]);
            out.put("e2e_ws_1sub_lost", ws.subs.lost());
            out.put("e2e_ws_1sub_unreported_losses", ws.subs.unreported());
            if (comet != null) {
                put(out, "e2e_comet_1sub", "record", s[3]);
                out.put("e2e_comet_1sub_lost", comet.subs.lost());
            }
            out.put("efficiency", Spread.ratios(rates(s[1]), rates(s[0])).rounded(3));
            // The same ratio in CPU time per record: raw's ÷ e2e's.
            out.put("efficiency_cpu", Spread.ratios(cpu(s[0]), cpu(s[1])).rounded(3));
            out.put("ws_over_tcp", Spread.ratios(rates(s[2]), rates(s[1])).rounded(3));
            if (comet != null) {
                out.put("comet_over_tcp", Spread.ratios(rates(s[3]), rates(s[1])).rounded(3));
            }
            out.put("transport_rounds", (long) rounds);
            out.put("transport_rounds_jit_ms", Jit.compilationMillis() - jit0);
        }
        return out;
    }

    /** {@code <name>_records_per_s}, {@code _cpu_ns_per_<unit>} and {@code _subscriber_cpu_ns_per_<unit>}: medians over the rounds. */
    private static void put(Map<String, Object> out, String name, String unit, Segment[] s) {
        out.put(name + "_records_per_s", Math.round(Spread.of(rates(s)).median()));
        out.put(name + "_cpu_ns_per_" + unit, Math.round(Spread.of(cpu(s)).median()));
        double[] sub = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            sub[i] = s[i].subscriberCpuNanosPerRecord();
        }
        out.put(name + "_subscriber_cpu_ns_per_" + unit, Math.round(Spread.of(sub).median()));
    }

    private static double[] rates(Segment[] s) {
        double[] r = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[i].perSecond();
        }
        return r;
    }

    private static double[] cpu(Segment[] s) {
        double[] r = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            r[i] = s[i].cpuNanosPerRecord();
        }
        return r;
    }

    /** Times {@code received} (a count that grows) over {@code nanos}, with the process's CPU. */
    static Segment time(java.util.function.LongSupplier received, long nanos, Runnable during) {
        long base = received.getAsLong();
        long cpu0 = ProcessCpu.nanos();
        long subCpu0 = ReadLoop.allCpuNanos();
        ThreadCpu threads = ThreadCpu.ifAsked();
        long t0 = System.nanoTime();
        during.run();
        long n = received.getAsLong() - base;
        if (threads != null) {
            threads.print(n);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = ProcessCpu.nanos() - cpu0;
        long subCpu = ReadLoop.allCpuNanos() - subCpu0;
        if (n <= 0) {
            throw new IllegalStateException("nothing was received in " + seconds + " s");
        }
        return new Segment(n / seconds, (double) cpu / n, (double) subCpu / n);
    }

    /** The raw ceiling, pushing only during its turns. */
    private static final class RawCase implements Case {
        private final RawLoopback raw;

        RawCase(RawLoopback raw) {
            this.raw = raw;
        }

        @Override
        public void warmUp(long nanos) {
            raw.resume();
            Pace.until(System.nanoTime() + nanos);
            raw.pause();
        }

        @Override
        public Segment measure(long nanos) {
            raw.resume();
            Pace.until(System.nanoTime() + nanos / 10); // the pipe fills again: not counted
            Segment s = time(raw.subscriber::records, nanos, () -> Pace.until(System.nanoTime() + nanos));
            raw.pause();
            return s;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A controller and one subscriber that keeps up, over TCP or WebSocket; the producer logs as
     * fast as the subscriber takes records (never more than {@link #WINDOW} ahead of it).
     */
    static final class E2e implements Case {
        static final int WINDOW = 4_096;
        final BenchController controller;
        final Subscribers subs;
        private final Flooder flooder;

        E2e(BenchController controller, Subscribers subs) {
            this.controller = controller;
            this.subs = subs;
            this.flooder = new Flooder(subs::slowest, WINDOW, controller::logPacketIn);
        }

        static E2e tcp() throws Exception {
            BenchController c = BenchController.withMessenger();
            try {
                return new E2e(c, Subscribers.connect(c.address(), 1, Subscribers.JSON, null));
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
        }

        static E2e webSocket() throws Exception {
            BenchController c = BenchController.withWebSocket();
            try {
                return new E2e(c, Subscribers.connectWs(c.wsUri(), 1, Subscribers.JSON));
            } catch (Exception | Error e) {
                c.close();
                throw e;
            }
        }

        @Override
        public void warmUp(long nanos) {
            flooder.until(System.nanoTime() + nanos);
            caughtUp();
        }

        @Override
        public Segment measure(long nanos) {
            flooder.until(System.nanoTime() + nanos / 10); // the window fills again: not counted
            Segment s = time(subs::slowest, nanos, () -> flooder.until(System.nanoTime() + nanos));
            caughtUp();
            return s;
        }

        /** Every record logged has arrived: the next case starts with this one idle. */
        private void caughtUp() {
            subs.awaitSeq(controller.service.published(), 60_000);
        }

        @Override
        public void close() throws Exception {
            try {
                subs.close();
            } finally {
                controller.close();
            }
        }
    }
}

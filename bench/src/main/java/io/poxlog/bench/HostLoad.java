package io.poxlog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How busy the host was over a run, from the kernel's CPU counters ({@code /proc/stat}'s
 * {@code cpu} line, Linux only): the share of CPU time stolen by the hypervisor for other
 * virtual machines, the share the machine was busy, and the part of that which was not this
 * process (other programs). A run with steal or other work past its threshold is marked
 * {@code noisy}: its figures measured the neighbours as much as the code.
 */
final class HostLoad {
    /** Steal past this share of the machine's CPU time makes a run noisy. */
    static final double NOISY_STEAL_PCT = 5.0;
    /** Other programs using more than this share of the machine's CPU time make a run noisy. */
    static final double NOISY_OTHERS_PCT = 10.0;
    private static final Path STAT = Path.of("/proc/stat");

    private final long[] start;
    private final long cpuStart;
    private final double loadStart;

    private HostLoad(long[] start, long cpuStart, double loadStart) {
        this.start = start;
        this.cpuStart = cpuStart;
        this.loadStart = loadStart;
    }

    static HostLoad begin() {
        return new HostLoad(ticks(), ProcessCpu.nanos(), Report.loadAverage());
    }

    /** The run's figures: load average at start and end, and with /proc/stat steal, busy, others, noisy. */
    Map<String, Object> end() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("load_average_start", loadStart);
        f.put("load_average_end", Report.loadAverage());
        long[] end = ticks();
        if (start == null || end == null) {
            return f;
        }
        long total = 0;
        for (int i = 0; i < end.length; i++) {
            total += end[i] - start[i];
        }
        if (total <= 0) {
            return f;
        }
        // user nice system idle iowait irq softirq steal (guest time is within user already)
        long idle = (end[3] - start[3]) + (end[4] - start[4]);
        long steal = end[7] - start[7];
        double tickNanos = 1e9 / 100; // USER_HZ, 100 on every Linux this runs on
        double busyPct = 100.0 * (total - idle) / total;
        double stealPct = 100.0 * steal / total;
        double ownPct = 100.0 * ((ProcessCpu.nanos() - cpuStart) / tickNanos) / total;
        double othersPct = Math.max(0, busyPct - stealPct - ownPct);
        f.put("host_steal_pct", round1(stealPct));
        f.put("host_busy_pct", round1(busyPct));
        f.put("host_others_pct", round1(othersPct));
        boolean noisy = stealPct > NOISY_STEAL_PCT || othersPct > NOISY_OTHERS_PCT;
        f.put("noisy", noisy);
        return f;
    }

    private static double round1(double v) {
        return Math.round(v * 10) / 10.0;
    }

    /** The first eight counters of the {@code cpu} line, or null where there is no /proc/stat. */
    private static long[] ticks() {
        try {
            String line = Files.readAllLines(STAT).get(0);
            String[] p = line.trim().split("\\s+");
            if (!p[0].equals("cpu") || p.length < 9) {
                return null;
            }
            long[] t = new long[8];
            for (int i = 0; i < 8; i++) {
                t[i] = Long.parseLong(p[i + 1]);
            }
            return t;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}

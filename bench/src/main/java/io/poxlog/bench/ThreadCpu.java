package io.poxlog.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;

/**
 * For profiling, with {@code -Dbench.threads=true} ({@code POXLOG_JAVA_OPTS=-Dbench.threads=true
 * bin/bench --only e2e,fanout}): each thread's CPU time per record over a segment of
 * {@link TransportRounds} (per delivery over the fan-out's flood), on standard error, to tell which thread of the path costs what
 * (kernel time included, which JFR does not see).
 */
final class ThreadCpu {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private final Map<String, Long> start = now();

    private ThreadCpu() {
    }

    /** A measurement from now, or null unless {@code bench.threads} is set. */
    static ThreadCpu ifAsked() {
        return Boolean.getBoolean("bench.threads") ? new ThreadCpu() : null;
    }

    /** Prints each thread's CPU nanoseconds per record since this was made (those above 5). */
    void print(long records) {
        print(records, "record");
    }

    /** Prints each thread's CPU nanoseconds per {@code unit} (of {@code count}) since this was made (those above 5). */
    void print(long count, String unit) {
        long records = count;
        StringBuilder sb = new StringBuilder("thread CPU ns per " + unit + ":");
        long n = Math.max(1, records);
        now().forEach((name, cpu) -> {
            long d = (cpu - start.getOrDefault(name, 0L)) / n;
            if (d > 5) {
                sb.append(' ').append(name).append('=').append(d);
            }
        });
        System.err.println(sb);
    }

    private static Map<String, Long> now() {
        Map<String, Long> m = new TreeMap<>();
        for (ThreadInfo i : MX.getThreadInfo(MX.getAllThreadIds())) {
            if (i != null) {
                m.merge(i.getThreadName(), Math.max(0, MX.getThreadCpuTime(i.getThreadId())), Long::sum);
            }
        }
        return m;
    }
}

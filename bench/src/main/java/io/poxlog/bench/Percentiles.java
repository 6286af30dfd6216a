package io.poxlog.bench;

import java.util.Arrays;

/**
 * Samples kept in an array (sized up front, so that recording allocates nothing; it grows if
 * needed), for medians and tails. One thread writes; read after it is done.
 */
final class Percentiles {
    private long[] samples;
    private int n;
    /** Whether the first n samples are in order: sorted once, on the first quantile asked. */
    private boolean sorted;

    Percentiles(int capacity) {
        samples = new long[capacity];
    }

    void add(long v) {
        if (n == samples.length) {
            samples = Arrays.copyOf(samples, Math.max(16, 2 * n));
        }
        samples[n++] = v;
        sorted = false;
    }

    int count() {
        return n;
    }

    /** All the samples of {@code parts} in one. */
    static Percentiles merge(Percentiles... parts) {
        int total = 0;
        for (Percentiles p : parts) {
            total += p.n;
        }
        Percentiles all = new Percentiles(total);
        for (Percentiles p : parts) {
            System.arraycopy(p.samples, 0, all.samples, all.n, p.n);
            all.n += p.n;
        }
        return all;
    }

    /** The q-quantile (0..1) of what was recorded. */
    long at(double q) {
        if (n == 0) {
            return 0;
        }
        if (!sorted) {
            Arrays.sort(samples, 0, n);
            sorted = true;
        }
        return samples[Math.min(n - 1, (int) Math.floor(q * n))];
    }
}

package io.poxlog.bench;

import java.util.Arrays;

/** Samples kept in a fixed array, for medians and tails. One thread writes; read after it is done. */
final class Percentiles {
    private final long[] samples;
    private int n;

    Percentiles(int capacity) {
        samples = new long[capacity];
    }

    void add(long v) {
        if (n < samples.length) {
            samples[n++] = v;
        }
    }

    long sample(int i) {
        return samples[i];
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
        long[] sorted = Arrays.copyOf(samples, n);
        Arrays.sort(sorted);
        return sorted[Math.min(n - 1, (int) Math.floor(q * n))];
    }
}

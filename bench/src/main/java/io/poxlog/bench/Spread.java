package io.poxlog.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A figure measured several times, as its median with the lowest and highest: a ratio of two
 * interleaved scenarios over their rounds, or a figure over the runs of {@code --repeat}. On a
 * machine whose speed drifts, the median of per-round ratios measures the code, where a ratio of
 * two figures taken a minute apart measures the drift as well.
 */
record Spread(double median, double min, double max, int count) {
    static Spread of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
        return new Spread(median, v[0], v[n - 1], n);
    }

    /** Per round, {@code a[i] / b[i]}. */
    static Spread ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return of(r);
    }

    /** Per round, {@code a[i] - b[i]}. */
    static Spread differences(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] - b[i];
        }
        return of(r);
    }

    /** Rounded to {@code decimals}, for the report. */
    Spread rounded(int decimals) {
        double f = Math.pow(10, decimals);
        return new Spread(Math.round(median * f) / f, Math.round(min * f) / f, Math.round(max * f) / f, count);
    }

    /** As JSON has it: {@code {"median": .., "min": .., "max": .., "rounds": ..}}. */
    Map<String, Object> asMap(String countName) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("median", median);
        m.put("min", min);
        m.put("max", max);
        m.put(countName, count);
        return m;
    }
}

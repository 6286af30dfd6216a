package io.poxlog.logservice.format;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Renders doubles the way CPython does: {@code repr(float)} (shortest round-trip digits) and the
 * {@code %f}, {@code %e} and {@code %g} conversions (correctly rounded, ties to even, like CPython's
 * own dtoa). Only non-negative finite values are handled here; sign, inf/nan and padding are the
 * caller's job. Stateless and therefore thread-safe.
 */
final class PyFloats {

    private PyFloats() {
    }

    /** 10^0 .. 10^15: exact as doubles and as longs, used by the %f fast path. */
    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L,
        1_000_000_000L, 10_000_000_000L, 100_000_000_000L, 1_000_000_000_000L,
        10_000_000_000_000L, 100_000_000_000_000L, 1_000_000_000_000_000L};

    /** 10^0 .. 10^22: all exactly representable as doubles. */
    private static final double[] POW10D = new double[23];

    private static final MathContext[] SIG = new MathContext[18];

    static {
        for (int i = 0; i < POW10D.length; i++) {
            POW10D[i] = Double.parseDouble("1e" + i);
        }
        for (int i = 1; i < SIG.length; i++) {
            SIG[i] = new MathContext(i, RoundingMode.HALF_EVEN);
        }
    }

    private static MathContext sig(int digits) {
        return digits < SIG.length ? SIG[digits] : new MathContext(digits, RoundingMode.HALF_EVEN);
    }

    /** Appends Python's {@code repr(v)} / {@code str(v)} for any double, including sign, nan and inf. */
    static void appendRepr(StringBuilder out, double v) {
        if (v != v) {
            out.append("nan");
            return;
        }
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            out.append('-');
            v = -v;
        }
        if (v == Double.POSITIVE_INFINITY) {
            out.append("inf");
        } else if (v == 0) {
            out.append("0.0");
        } else {
            appendShortest(out, v);
        }
    }

    private static void appendShortest(StringBuilder out, double v) {
        StringBuilder digits = new StringBuilder(20);
        int decpt = (int) Math.floor(Math.log10(v)) + 1; // value = 0.<digits> * 10^decpt
        if (v < Double.MIN_NORMAL || !fastShortest(v, decpt, digits)) {
            decpt = exactShortest(v, digits);
        }
        int x = decpt - 1; // scientific exponent; Python goes positional for -4 <= x < 16
        if (x < -4 || x >= 16) {
            appendScientific(out, digits, x, 'e', false);
        } else if (decpt <= 0) {
            out.append("0.");
            appendZeros(out, -decpt);
            out.append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits);
            appendZeros(out, decpt - digits.length());
            out.append(".0");
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
    }

    /**
     * Shortest digits using only double arithmetic that is provably exact; false means
     * "undecided". A normal double has at most one round-tripping decimal of up to 15 digits
     * (DBL_DIG), so if v rounded to 15 digits round-trips, stripping its zeros gives Python's
     * repr; otherwise v rounded to 16 digits is Python's answer if it round-trips.
     */
    private static boolean fastShortest(double v, int decpt, StringBuilder digits) {
        for (int n = 15; n <= 16; n++) {
            int k = n - decpt;
            if (k < 0 || k >= POW10D.length) {
                return false;
            }
            double scaled = v * POW10D[k]; // one rounding: error <= ulp(scaled) / 2
            double r = Math.rint(scaled);
            if (scaled >= 0x1p52 || !(Math.abs(Math.abs(scaled - r) - 0.5) > Math.ulp(scaled))) {
                return false; // too close to a rounding tie to trust the product
            }
            long q = (long) r;
            if (q < POW10[n - 1] || (n == 15 && q >= POW10[15])) {
                return false; // log10 misjudged the exponent; let the exact path decide
            }
            // q < 2^53 and 10^k are exact doubles, so this division is a correctly rounded parse.
            if (q / POW10D[k] == v) {
                digits.append(q);
                stripTrailingZeros(digits);
                return true;
            }
        }
        return false;
    }

    /** Shortest round-tripping digits via exact BigDecimal arithmetic; returns decpt. */
    private static int exactShortest(double v, StringBuilder digits) {
        BigDecimal exact = new BigDecimal(v);
        for (int k = v < Double.MIN_NORMAL ? 1 : 15; ; k++) {
            BigDecimal r = exact.round(sig(k));
            if (r.doubleValue() != v && k < 17) {
                // At a power of two the interval below v is half as wide, so the nearest
                // k-digit decimal may miss while its neighbour on the other side hits.
                BigDecimal step = BigDecimal.ONE.movePointLeft(r.scale());
                r = r.compareTo(exact) < 0 ? r.add(step) : r.subtract(step);
            }
            if (r.doubleValue() == v || k == 17) { // 17 digits always round-trip
                String u = r.unscaledValue().toString();
                digits.setLength(0);
                digits.append(u);
                stripTrailingZeros(digits);
                return u.length() - r.scale();
            }
        }
    }

    /** {@code %.<prec>f} of a finite non-negative value. */
    static void appendFixed(StringBuilder out, double v, int prec, boolean alt) {
        if (prec < POW10.length) {
            // Fast path: v*10^prec has error <= ulp/2; if the scaled value is clearly not near a
            // rounding tie, rounding it gives the same integer as rounding the exact product.
            double scaled = v * POW10[prec];
            if (scaled < 0x1p52) {
                double r = Math.rint(scaled);
                if (Math.abs(Math.abs(scaled - r) - 0.5) > Math.ulp(scaled)) {
                    long q = (long) r;
                    long p = POW10[prec];
                    out.append(q / p);
                    if (prec > 0) {
                        out.append('.');
                        appendPadded(out, q % p, prec);
                    } else if (alt) {
                        out.append('.');
                    }
                    return;
                }
            }
        }
        out.append(new BigDecimal(v).setScale(prec, RoundingMode.HALF_EVEN).toPlainString());
        if (prec == 0 && alt) {
            out.append('.');
        }
    }

    /** {@code %.<prec>e} of a finite non-negative value. */
    static void appendExponent(StringBuilder out, double v, int prec, char e, boolean alt) {
        StringBuilder digits = new StringBuilder(prec + 2);
        int x = roundToSignificant(v, prec + 1, digits);
        appendScientific(out, digits, x, e, alt);
    }

    /** {@code %.<prec>g} of a finite non-negative value, following C99/CPython rules. */
    static void appendGeneral(StringBuilder out, double v, int prec, char e, boolean alt) {
        int p = prec == 0 ? 1 : prec;
        StringBuilder digits = new StringBuilder(p + 1);
        int x = roundToSignificant(v, p, digits);
        if (!alt) {
            stripTrailingZeros(digits);
        }
        if (x < -4 || x >= p) {
            appendScientific(out, digits, x, e, alt);
            return;
        }
        int decpt = x + 1;
        if (decpt <= 0) {
            out.append("0.");
            appendZeros(out, -decpt);
            out.append(digits);
        } else if (decpt >= digits.length()) {
            out.append(digits);
            appendZeros(out, decpt - digits.length());
            if (alt) {
                out.append('.');
            }
        } else {
            out.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
    }

    /**
     * Rounds v to exactly n significant digits (zero-padded) into digits and returns the decimal
     * exponent of the first digit. Uses the exact binary value, as CPython does.
     */
    private static int roundToSignificant(double v, int n, StringBuilder digits) {
        if (v == 0) {
            appendZeros(digits, n);
            return 0;
        }
        BigDecimal r = new BigDecimal(v).round(sig(n));
        String u = r.unscaledValue().toString();
        digits.append(u);
        appendZeros(digits, n - u.length());
        return u.length() - r.scale() - 1;
    }

    /** d[.ddd]e+XX with at least two exponent digits; the dot is forced when alt is set. */
    private static void appendScientific(StringBuilder out, CharSequence digits, int x, char e, boolean alt) {
        out.append(digits.charAt(0));
        if (digits.length() > 1 || alt) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append(e).append(x < 0 ? '-' : '+');
        int ax = Math.abs(x);
        if (ax < 10) {
            out.append('0');
        }
        out.append(ax);
    }

    private static void stripTrailingZeros(StringBuilder digits) {
        int n = digits.length();
        while (n > 1 && digits.charAt(n - 1) == '0') {
            n--;
        }
        digits.setLength(n);
    }

    static void appendZeros(StringBuilder out, int n) {
        for (int i = 0; i < n; i++) {
            out.append('0');
        }
    }

    /** Appends a non-negative value left-padded with zeros to width digits. */
    static void appendPadded(StringBuilder out, long value, int width) {
        int len = 1;
        for (long t = value; t >= 10; t /= 10) {
            len++;
        }
        appendZeros(out, width - len);
        out.append(value);
    }
}

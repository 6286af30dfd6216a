package io.poxlog.viewer.client;

/**
 * Checks a gap notice (PROTOCOL.md §5.3) before its count is believed: the count comes from the
 * network, and a controller that lies (or is not what it claims) must not make the viewer report
 * {@code 9223372036854775807 lost}. A notice is believed when its {@code dropped} fits its
 * {@code gap} range (a subscriber with filters loses fewer records than the range spans, never
 * more), the range lies after the records already received, and it is no more records than a
 * controller could have logged since the last one received. Stateless.
 */
final class GapNotices {
    /**
     * Ten million records a second, several times the fastest this project measures end to end
     * (BENCHMARKS.md): a gap beyond what that rate logs in the time since the last record
     * received is not believed.
     */
    static final long MAX_PLAUSIBLE_RECORDS_PER_SECOND = 10_000_000L;

    private GapNotices() {
    }

    /**
     * Why the notice in {@code f} cannot be believed, or null when it can.
     *
     * @param lastSeq the last seq received of this run of the log, -1 for none
     * @param nanosSinceLastRecord since the last record received (or since subscribing, for none)
     */
    static String problem(MessageFields f, long lastSeq, long nanosSinceLastRecord) {
        if (!f.hasGap || f.gapFirst == MessageFields.MALFORMED_GAP) {
            return "no gap [first seq, last seq] with its count";
        }
        String range = "gap [" + f.gapFirst + ", " + f.gapLast + "]";
        if (f.gapFirst < 1 || f.gapLast < f.gapFirst) {
            return range + " is not a range of seqs";
        }
        long span = f.gapLast - f.gapFirst + 1; // no overflow: gapFirst >= 1
        if (f.dropped < 1 || f.dropped > span) {
            return "dropped " + f.dropped + " does not fit " + range;
        }
        if (lastSeq >= 0 && f.gapFirst <= lastSeq) {
            return range + " reaches back into records already received (up to seq " + lastSeq + ")";
        }
        long seconds = Math.max(0, nanosSinceLastRecord) / 1_000_000_000L + 1;
        long budget = seconds > Long.MAX_VALUE / MAX_PLAUSIBLE_RECORDS_PER_SECOND ? Long.MAX_VALUE
                : seconds * MAX_PLAUSIBLE_RECORDS_PER_SECOND;
        long beyond = lastSeq >= 0 ? f.gapLast - lastSeq : span;
        if (beyond > budget) {
            return range + " is more records than a controller logs in " + seconds + " s, the time since the last record";
        }
        return null;
    }
}

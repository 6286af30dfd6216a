package io.poxlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks one subscriber's stream for "nothing lost silently": records must come in {@code seq}
 * order, and every seq skipped must be covered by a gap notice the subscriber received. Survives
 * the subscriber's reconnections: a resume continues from the last seq seen. Also times the
 * subscriber's longest silence, between two messages of one session (the wait between sessions,
 * and for a session's first message, is not silence). Called on the subscriber's reader thread,
 * read by the soak at the end (synchronized).
 */
final class SeqTracker {
    private long last = -1;
    private final List<long[]> missing = new ArrayList<>();
    private final List<long[]> reported = new ArrayList<>();
    private long outOfOrder;
    private long resumes;
    /** When the session's last message came (nanoTime); -1 before its first. */
    private long lastArrival = -1;
    private long longestSilence;

    synchronized long last() {
        return last;
    }

    synchronized void resumed() {
        resumes++;
        lastArrival = -1;
    }

    void accept(JsonNode m) {
        accept(m, System.nanoTime());
    }

    /** {@code m}, received at {@code nanoTime}. */
    synchronized void accept(JsonNode m, long nanoTime) {
        if (lastArrival >= 0) {
            longestSilence = Math.max(longestSilence, nanoTime - lastArrival);
        }
        lastArrival = nanoTime;
        JsonNode gap = m.get("gap");
        if (gap != null && gap.isArray() && gap.size() == 2) {
            reported.add(new long[] {gap.get(0).asLong(), gap.get(1).asLong()});
            return;
        }
        JsonNode s = m.get("seq");
        if (s == null) {
            return;
        }
        long seq = s.asLong();
        if (last >= 0 && seq <= last) {
            outOfOrder++;
            return;
        }
        if (last >= 0 && seq > last + 1) {
            missing.add(new long[] {last + 1, seq - 1});
        }
        last = seq;
    }

    /** Seqs skipped that no gap notice reported: must be none. */
    synchronized long silentlyLost() {
        long lost = 0;
        for (long[] m : missing) {
            for (long seq = m[0]; seq <= m[1]; seq++) {
                if (!covered(seq)) {
                    lost++;
                }
            }
        }
        return lost;
    }

    private boolean covered(long seq) {
        for (long[] r : reported) {
            if (seq >= r[0] && seq <= r[1]) {
                return true;
            }
        }
        return false;
    }

    synchronized boolean keptUp() {
        return reported.isEmpty() && missing.isEmpty();
    }

    synchronized long outOfOrder() {
        return outOfOrder;
    }

    synchronized long resumes() {
        return resumes;
    }

    /** The longest time between two messages of one session, in nanoseconds. */
    synchronized long longestSilenceNanos() {
        return longestSilence;
    }

    synchronized long reportedGaps() {
        return reported.size();
    }
}

package io.poxlog.viewer.client;

/**
 * What one connection of a subscription achieved, for its status: on a reconnect, how many
 * records logged meanwhile the resume recovered and how many the controller reported lost; after
 * a restart, how many of the new run were shown. Subscription thread only.
 */
final class Resume {
    enum Kind { FIRST, RESUME, NOTHING_TO_RESUME, NO_RESUME, RESTART }

    private final Kind kind;
    /** The last seq received before this connection (of the old run, for a restart); -1 for none. */
    private final long from;
    private final long connectedAtMillis = System.currentTimeMillis();
    private long recovered;
    private long lost;

    Resume(Kind kind, long from) {
        this.kind = kind;
        this.from = from;
    }

    /** Counts a record; true when that changed the report (it was logged before this connection). */
    boolean record(double createdSeconds) {
        if (kind != Kind.FIRST && createdSeconds * 1000 < connectedAtMillis) {
            recovered++;
            return true;
        }
        return false;
    }

    /** Counts records the controller reported lost (a believed gap notice); true when that changed the report. */
    boolean lost(long n) {
        if (kind == Kind.FIRST) {
            return false;
        }
        lost += n;
        return true;
    }

    String report() {
        String lostText = lost > 0 ? ", " + lost + " lost" : "";
        boolean nothingYet = recovered == 0 && lost == 0;
        return switch (kind) {
            case FIRST -> "";
            case NO_RESUME -> "reconnected; this server cannot resume, records logged meanwhile are missing";
            case NOTHING_TO_RESUME -> "reconnected; no record had come yet to resume after";
            case RESUME -> nothingYet ? "resumed after seq " + from : "resumed: " + recovered + " recovered" + lostText;
            case RESTART -> "restarted" + (nothingYet ? "" : ": " + recovered + (recovered == 1 ? " record" : " records")
                    + " of the new run recovered" + lostText)
                    + "; records of the old run " + (from >= 0 ? "after seq " + from + " " : "") + "not seen: unknown";
        };
    }
}

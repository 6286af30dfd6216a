package io.poxlog.logservice;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.logservice.format.Strftime;
import io.poxlog.messenger.core.Json;
import java.time.ZoneId;

/**
 * The record-shaped notice that tells a subscriber how many records it lost and which
 * (PROTOCOL.md §5.3): {@code levelname} WARNING from {@code messenger.log_service}, with
 * {@code dropped} and {@code gap}. Record-shaped so a POX client prints it rather than choke.
 * Carries no {@code seq}: it is not a record the controller logged; it carries {@code log_id},
 * the run of the log whose {@code seq}s it counts (issue 11), which a POX client ignores.
 * Log-service thread only.
 */
final class GapNotices {
    private static final Strftime DATE = Strftime.compile("%Y-%m-%d %H:%M:%S");
    private final ZoneId zone;
    private final String logId;

    GapNotices(ZoneId zone, String logId) {
        this.zone = zone;
        this.logId = logId;
    }

    /**
     * Queues the member its notice behind whatever was already sent to it, and clears its count.
     * The caller flushes the connection.
     */
    void send(Subscription s, Subscription.Member m) {
        byte[] whole = Json.encode(notice(m.dropped, m.gapFirst, m.gapLast));
        byte[] body = java.util.Arrays.copyOfRange(whole, 1, whole.length); // after the head's "{"
        m.connection.sendEncoded(s.head, body, false);
        m.told();
    }

    ObjectNode notice(long dropped, long first, long last) {
        long now = System.currentTimeMillis();
        ObjectNode n = Json.object();
        n.put("message", dropped + (dropped == 1 ? " record was" : " records were")
                + " lost for this subscriber (seq " + first + (first == last ? "" : " to " + last)
                + "): the subscriber did not keep up, the controller's log queue was full, "
                + "or they were no longer retained");
        n.put("levelname", PoxLevel.WARNING.name());
        n.put("levelno", PoxLevel.WARNING.number());
        n.put("name", LogService.LOGGER);
        n.put("created", now / 1000.0);
        n.put("asctime", DATE.format(now, zone) + String.format(",%03d", now % 1000));
        n.put("dropped", dropped);
        n.putArray("gap").add(first).add(last);
        n.put("log_id", logId);
        return n;
    }
}

package io.poxlog.logservice;

import java.util.HashMap;
import java.util.Map;

/**
 * Makes subscriptions with equal encoding settings share one {@link RecordEncoding} instance, so
 * that a record is encoded once per distinct encoding; forgets an encoding when its last user
 * goes. Log-service thread only.
 */
final class EncodingRegistry {
    private final Map<RecordEncoding, RecordEncoding> canonical = new HashMap<>();
    private final Map<RecordEncoding, Integer> users = new HashMap<>();

    RecordEncoding acquire(RecordEncoding e) {
        RecordEncoding c = canonical.computeIfAbsent(e, k -> k);
        users.merge(c, 1, Integer::sum);
        return c;
    }

    void release(RecordEncoding e) {
        if (e == null) {
            return;
        }
        Integer n = users.get(e);
        if (n == null) {
            return;
        }
        if (n <= 1) {
            users.remove(e);
            canonical.remove(e);
        } else {
            users.put(e, n - 1);
        }
    }

    int size() {
        return canonical.size();
    }

    /** Record bodies encoded by the encodings held now. */
    long encoded() {
        long n = 0;
        for (RecordEncoding e : canonical.keySet()) {
            n += e.encoded();
        }
        return n;
    }
}

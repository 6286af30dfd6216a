package io.poxlog.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;

/** What the soak's clients saw, by behaviour: outcomes as expected, and the unexpected ones. Thread-safe. */
final class SoakTally {
    private static final int KEEP = 20;
    private final Map<String, LongAdder> expected = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> unexpected = new ConcurrentHashMap<>();
    private final List<String> examples = new CopyOnWriteArrayList<>();

    void ok(String behaviour) {
        expected.computeIfAbsent(behaviour, k -> new LongAdder()).increment();
    }

    void unexpected(String behaviour, String what) {
        unexpected.computeIfAbsent(behaviour, k -> new LongAdder()).increment();
        if (examples.size() < KEEP) {
            examples.add(behaviour + ": " + what);
        }
    }

    /** Sessions by behaviour, as "ok/unexpected". */
    Map<String, String> sessions() {
        Map<String, String> out = new TreeMap<>();
        expected.forEach((k, v) -> out.put(k, v.sum() + "/" + count(unexpected, k)));
        unexpected.forEach((k, v) -> out.putIfAbsent(k, "0/" + v.sum()));
        return out;
    }

    long unexpectedTotal() {
        return unexpected.values().stream().mapToLong(LongAdder::sum).sum();
    }

    List<String> examples() {
        return List.copyOf(examples);
    }

    private static long count(Map<String, LongAdder> m, String k) {
        LongAdder a = m.get(k);
        return a == null ? 0 : a.sum();
    }
}

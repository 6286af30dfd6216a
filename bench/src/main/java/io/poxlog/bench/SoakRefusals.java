package io.poxlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The hostile clients' refusals, by the limit that refused them: each must be an error that
 * names its limit (PROTOCOL.md §6), and the report counts them by kind, so a soak shows which
 * limits were hit and how often. Also counts what was not refused but held (a record cut, a
 * replay that waited). Thread-safe.
 */
final class SoakRefusals {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /**
     * Null when {@code error} is an error reply whose text holds every one of {@code texts} (it is
     * then counted as {@code kind}); else what came instead.
     */
    String expect(String kind, JsonNode error, String... texts) {
        if (error == null) {
            return "no error for " + kind + " (the connection closed, or nothing came within " + SoakClient.REPLY_MS + " ms)";
        }
        String text = error.path("error").asText();
        if (!"error".equals(error.path("cmd").asText())) {
            return "not an error for " + kind + ": " + preview(error.toString());
        }
        for (String t : texts) {
            if (!text.contains(t)) {
                return "the error for " + kind + " does not say '" + t + "': " + preview(text);
            }
        }
        count(kind);
        return null;
    }

    /** Counts one of {@code kind}: a refusal checked elsewhere, or what was held rather than refused. */
    void count(String kind) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    Map<String, Long> byKind() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static String preview(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}

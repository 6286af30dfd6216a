package io.poxlog.bench;

import java.util.List;
import java.util.Map;

/** What a soak measured, and what it found wrong (nothing, when it passes). */
record SoakReport(Map<String, Object> figures, List<String> problems) {
    boolean passed() {
        return problems.isEmpty();
    }

    String text() {
        StringBuilder sb = new StringBuilder();
        figures.forEach((k, v) -> sb.append(String.format("%-32s %s%n", k, v)));
        sb.append(passed() ? "PASSED\n" : "FAILED\n");
        problems.forEach(p -> sb.append("  - ").append(p).append('\n'));
        return sb.toString();
    }
}

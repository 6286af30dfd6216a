package io.poxlog.viewer.model;

/**
 * How far the store is with showing what its filter lets through: of the {@code total} records
 * held when the filter was set, {@code checked} have been matched so far (newest first), and
 * {@code waiting} records that arrived since are still to be matched.
 */
public record FilterProgress(int checked, int total, int waiting) {
    /** Percent of the records held when the filter was set that are checked. */
    public int percent() {
        return total == 0 ? 100 : (int) (100L * checked / total);
    }
}

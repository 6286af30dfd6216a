package io.poxlog.viewer.model;

import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * What the viewer shows: records at or above a level, from one controller or all, whose logger or
 * message matches {@code include} and does not match {@code exclude}. Immutable; {@code null}
 * parts match all. Gap notices and markers always pass: a loss or a disconnection is never hidden.
 */
public record Filter(int minLevel, Pattern include, Pattern exclude, String source) {
    public static final Filter ALL = new Filter(0, null, null, null);

    private static final BooleanSupplier NEVER = () -> false;

    public Filter(int minLevel, Pattern include, Pattern exclude) {
        this(minLevel, include, exclude, null);
    }

    public boolean matches(LogEntry e) {
        return matches(e, NEVER);
    }

    /** As {@link #matches(LogEntry)}, throwing {@link Scan.Cancelled} once {@code cancelled} says so. */
    public boolean matches(LogEntry e, BooleanSupplier cancelled) {
        if (e.isGapNotice() || e.isMarker()) {
            return source == null || source.equals(e.source());
        }
        if (e.levelNo() < minLevel || source != null && !source.equals(e.source())) {
            return false;
        }
        if (include != null && !Scan.findIn(include, e, cancelled)) {
            return false;
        }
        return exclude == null || !Scan.findIn(exclude, e, cancelled);
    }

    /** Whether it has a regex to match: then matching may take any time, and is done off the reader threads. */
    public boolean hasRegex() {
        return include != null || exclude != null;
    }

    public Filter withMinLevel(int level) {
        return new Filter(level, include, exclude, source);
    }

    public Filter withInclude(Pattern p) {
        return new Filter(minLevel, p, exclude, source);
    }

    public Filter withExclude(Pattern p) {
        return new Filter(minLevel, include, p, source);
    }

    /** Only the records of one controller ({@code host:port}); null for all. */
    public Filter withSource(String s) {
        return new Filter(minLevel, include, exclude, s);
    }

    /** A short description for the status line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append("source ").append(source);
        }
        if (minLevel > 0) {
            sb.append(sb.length() > 0 ? " " : "").append("level>=").append(minLevel);
        }
        if (include != null) {
            sb.append(sb.length() > 0 ? " " : "").append("filter ").append(describe(include));
        }
        if (exclude != null) {
            sb.append(sb.length() > 0 ? " " : "").append("filter-out ").append(describe(exclude));
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }

    /** A regex as the viewer shows it: {@code /of_0[12]/}, with {@code i} when it ignores case. */
    public static String describe(Pattern p) {
        return "/" + p.pattern() + "/" + ((p.flags() & Pattern.CASE_INSENSITIVE) != 0 ? "i" : "");
    }
}

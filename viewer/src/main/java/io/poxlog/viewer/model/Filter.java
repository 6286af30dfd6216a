package io.poxlog.viewer.model;

import java.util.regex.Pattern;

/**
 * What the viewer shows: records at or above a level, whose logger or message matches
 * {@code include} and does not match {@code exclude}. Immutable; {@code null} parts match all.
 * Gap notices always pass: a loss is never hidden.
 */
public record Filter(int minLevel, Pattern include, Pattern exclude) {
    public static final Filter ALL = new Filter(0, null, null);

    public boolean matches(LogEntry e) {
        if (e.isGapNotice()) {
            return true;
        }
        if (e.levelNo() < minLevel) {
            return false;
        }
        if (include != null && !include.matcher(e.logger()).find() && !include.matcher(e.message()).find()) {
            return false;
        }
        return exclude == null || !(exclude.matcher(e.logger()).find() || exclude.matcher(e.message()).find());
    }

    public Filter withMinLevel(int level) {
        return new Filter(level, include, exclude);
    }

    public Filter withInclude(Pattern p) {
        return new Filter(minLevel, p, exclude);
    }

    public Filter withExclude(Pattern p) {
        return new Filter(minLevel, include, p);
    }

    /** A short description for the status line. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (minLevel > 0) {
            sb.append("level>=").append(minLevel);
        }
        if (include != null) {
            sb.append(sb.length() > 0 ? " " : "").append("filter /").append(include.pattern()).append('/');
        }
        if (exclude != null) {
            sb.append(sb.length() > 0 ? " " : "").append("filter-out /").append(exclude.pattern()).append('/');
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}

package io.poxlog.logservice.format;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A strftime-style date pattern such as {@code "%Y-%m-%d %H:%M:%S"}, rendered like Python's
 * {@code time.strftime} on Linux (glibc, C locale), for the {@code datefmt}/{@code asctime} of the
 * log service. {@code %f} (microseconds, Python datetime's extension) is also supported.
 *
 * <p>The pattern is parsed once. Because it is formatted for every log record and records arrive
 * in bursts within the same second, the text of the last whole second is cached: a record in the
 * same second (and zone) costs one volatile read, a comparison and appends. The cache holds the
 * text between sub-second directives, so patterns with {@code %f} benefit too. Unknown directives
 * are kept literally, as glibc does; compiling fails only for a width past {@link #MAX_WIDTH}.
 *
 * <p>Directives: {@code %a %A %b %B %h %c %C %d %D %e %F %g %G %H %I %j %k %l %m %M %n %p %P %r
 * %R %s %S %t %T %u %U %V %w %W %x %X %y %Y %z %Z %%} and {@code %f}, with glibc's flags
 * {@code - _ 0 ^ #}, field width and E/O modifiers. Known differences from glibc: %Z uses the
 * JDK's zone names (e.g. no historical "CEMT"/"MMT"; fixed offsets print as "UTC+01:00", like
 * Python's datetime.timezone), %z ignores flags and width, and '#' never changes the case of an
 * unknown directive's literal text.
 *
 * <p>Instances are thread-safe: the cache is an immutable holder published through a volatile
 * field; racing threads at worst render the same second twice.
 */
public final class Strftime {
    /**
     * The largest field width, as {@link PyLogFormat#MAX_WIDTH}: a date is formatted for every
     * record on the thread that serves every subscriber, and {@code %9999Y} repeated made each
     * record megabytes long (issue 10).
     */
    public static final int MAX_WIDTH = PyLogFormat.MAX_WIDTH;

    /** Token for %f; other tokens are literal Strings or StrftimeFields.Spec directives. */
    private static final Object MICROS = new Object();

    /** Text of one whole second in one zone: parts[0] %f parts[1] %f ... parts[n]. */
    private record Cached(long second, ZoneId zone, String[] parts) {
    }

    private final String source;
    /** Token groups separated by %f; each group renders to one cached string. */
    private final Object[][] groups;
    private volatile Cached cache;

    private Strftime(String source, Object[][] groups) {
        this.source = source;
        this.groups = groups;
    }

    /**
     * Compiles a strftime pattern such as "%Y-%m-%d %H:%M:%S". Unknown directives are kept
     * literally (as glibc does, e.g. "%Q" stays "%Q"); "%%" is a percent; a trailing lone "%"
     * stays literal.
     *
     * @throws IllegalArgumentException for a field width past {@link #MAX_WIDTH}, naming it and
     *     its position
     */
    public static Strftime compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<Object[]> groups = new ArrayList<>();
        List<Object> tokens = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        tokenize(pattern, false, tokens, literal);
        flush(tokens, literal);
        List<Object> group = new ArrayList<>();
        for (Object token : tokens) {
            if (token == MICROS) {
                groups.add(group.toArray());
                group.clear();
            } else {
                group.add(token);
            }
        }
        groups.add(group.toArray());
        return new Strftime(pattern, groups.toArray(new Object[0][]));
    }

    /** Appends tokens for p; inheritedUpper carries '^' into composite expansions (glibc: %^c). */
    private static void tokenize(String p, boolean inheritedUpper, List<Object> tokens, StringBuilder literal) {
        int n = p.length();
        int i = 0;
        while (i < n) {
            char ch = p.charAt(i++);
            if (ch != '%' || i >= n) {
                literal.append(ch); // includes a trailing lone '%'
                continue;
            }
            int start = i - 1;
            char pad = 0;
            boolean upper = inheritedUpper;
            boolean swap = false;
            for (char f; i < n && "-_0^#".indexOf(f = p.charAt(i)) >= 0; i++) {
                if (f == '^') {
                    upper = true;
                } else if (f == '#') {
                    swap = true;
                } else {
                    pad = f; // the last padding flag wins, as in glibc
                }
            }
            int width = 0;
            int widthStart = i;
            while (i < n && p.charAt(i) >= '0' && p.charAt(i) <= '9') {
                width = Math.min(width * 10 + (p.charAt(i++) - '0'), 1_000_000_000);
            }
            if (width > MAX_WIDTH) {
                String digits = p.substring(widthStart, i);
                throw new IllegalArgumentException("width " + digits + " at position " + widthStart
                        + " is larger than the limit of " + MAX_WIDTH + " in dateFormat '" + p + "'");
            }
            char modifier = i < n && (p.charAt(i) == 'E' || p.charAt(i) == 'O') ? p.charAt(i++) : 0;
            char c = i < n ? p.charAt(i) : 0;
            String composite = StrftimeFields.composite(c);
            boolean known = c != 0 && (composite != null || StrftimeFields.SIMPLE.indexOf(c) >= 0)
                && StrftimeFields.modifierAllowed(modifier, c);
            if (c == 'f' && i == start + 1) {
                // Only bare %f: datetime substitutes it before calling strftime, "%-f" goes to glibc.
                flush(tokens, literal);
                tokens.add(MICROS);
            } else if (!known) {
                // Unknown: glibc copies it verbatim, yet still honours the width and the "^" flag.
                String raw = p.substring(start, Math.min(i + 1, n));
                for (int w = width - raw.length(); w > 0; w--) {
                    literal.append(pad == '0' ? '0' : ' ');
                }
                literal.append(upper ? raw.toUpperCase(Locale.ROOT) : raw);
            } else if (composite != null) {
                tokenize(composite, upper, tokens, literal);
            } else {
                flush(tokens, literal);
                tokens.add(new StrftimeFields.Spec(c, pad, upper, swap, width));
            }
            i++;
        }
    }

    private static void flush(List<Object> tokens, StringBuilder literal) {
        if (literal.length() > 0) {
            tokens.add(literal.toString());
            literal.setLength(0);
        }
    }

    /** Appends the time (epoch milliseconds) in the given zone. */
    public void formatTo(StringBuilder out, long epochMillis, ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        long second = Math.floorDiv(epochMillis, 1000L);
        Cached c = cache;
        if (c == null || c.second != second || (c.zone != zone && !c.zone.equals(zone))) {
            c = new Cached(second, zone, render(second, zone));
            cache = c;
        }
        String[] parts = c.parts;
        out.append(parts[0]);
        if (parts.length > 1) {
            long micros = Math.floorMod(epochMillis, 1000L) * 1000L;
            for (int i = 1; i < parts.length; i++) {
                PyFloats.appendPadded(out, micros, 6);
                out.append(parts[i]);
            }
        }
    }

    /** Formats into a new String; see {@link #formatTo}. */
    public String format(long epochMillis, ZoneId zone) {
        StringBuilder out = new StringBuilder(source.length() + 16);
        formatTo(out, epochMillis, zone);
        return out.toString();
    }

    private String[] render(long second, ZoneId zone) {
        ZonedDateTime t = Instant.ofEpochSecond(second).atZone(zone);
        String[] parts = new String[groups.length];
        StringBuilder sb = new StringBuilder(32);
        for (int g = 0; g < groups.length; g++) {
            sb.setLength(0);
            for (Object token : groups[g]) {
                if (token instanceof String s) {
                    sb.append(s);
                } else {
                    StrftimeFields.append(sb, (StrftimeFields.Spec) token, t, second);
                }
            }
            parts[g] = sb.toString();
        }
        return parts;
    }

    /**
     * The most characters one date can take in this pattern, at any time and in any zone: each
     * directive's width or its longest value, whichever is more. Lets a caller bound, once, what
     * a pattern can make of every record.
     */
    public long maxLength() {
        long n = 0;
        for (int g = 0; g < groups.length; g++) {
            if (g > 0) {
                n += 6; // %f
            }
            for (Object token : groups[g]) {
                n += token instanceof String s ? s.length() : StrftimeFields.maxLength((StrftimeFields.Spec) token);
            }
        }
        return n;
    }

    /** The pattern this was compiled from. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "Strftime[" + source + "]";
    }
}

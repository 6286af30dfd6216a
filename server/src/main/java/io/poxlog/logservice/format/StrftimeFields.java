package io.poxlog.logservice.format;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Renders one strftime directive of a {@link Strftime} pattern in the C locale, following glibc
 * (which is what Python's {@code time.strftime} uses on Linux), including the GNU flags
 * {@code - _ 0 ^ #}, a minimum field width and the E/O modifiers. Stateless, thread-safe.
 */
final class StrftimeFields {

    private StrftimeFields() {
    }

    /** Directives rendered here; composites (c, x, X, D, F, T, R, r) are expanded by Strftime. */
    static final String SIMPLE = "YyCmdejHIklMSpPaAbBhZzsuwUWVGgnt%";

    /** Conversions glibc accepts after the E / O modifiers; others make the directive unknown. */
    private static final String E_OK = "YyCpPZzsuntcxXTRr%";
    private static final String O_OK = "yCmdejHIklMSpPbBhZzsuwUWVGgntTRr%";

    /** How '#' (swap case) acts on a text directive in glibc. */
    private static final int SWAP_UPPER = 0;
    private static final int SWAP_LOWER = 1;
    private static final int ALWAYS_LOWER = 2;

    private static final String[] DAYS = {
        "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {
        "January", "February", "March", "April", "May", "June", "July", "August", "September",
        "October", "November", "December"};
    /** Short names from the tz database (CET, CEST, EST...), the same source glibc uses. */
    private static final DateTimeFormatter ZONE_NAME = DateTimeFormatter.ofPattern("zzz", Locale.ROOT);

    /**
     * One directive: conversion, GNU padding flag ('-', '_', '0' or 0 for none), '^' (upper),
     * '#' (swap case) and minimum width (0 for none).
     */
    record Spec(char conv, char pad, boolean upper, boolean swap, int width) {
    }

    /** In the C locale E/O select nothing different, but glibc still rejects some pairings. */
    static boolean modifierAllowed(char modifier, char c) {
        return modifier == 0 || (modifier == 'E' ? E_OK : O_OK).indexOf(c) >= 0;
    }

    /** The expansion of a composite directive in the C locale, or null if c is not one. */
    static String composite(char c) {
        switch (c) {
            case 'c': return "%a %b %e %H:%M:%S %Y";
            case 'x': case 'D': return "%m/%d/%y";
            case 'X': case 'T': return "%H:%M:%S";
            case 'F': return "%Y-%m-%d";
            case 'R': return "%H:%M";
            case 'r': return "%I:%M:%S %p";
            default: return null;
        }
    }

    /** The most characters the directive can append: its width, or its longest value. */
    static int maxLength(Spec d) {
        int longest = switch (d.conv) {
            // java.time's years run from -999,999,999 to 999,999,999; %s is a long.
            case 'Y', 'G', 'C' -> 10;
            case 's' -> 20;
            case 'a', 'b', 'h' -> 3;
            case 'A', 'B' -> 9; // Wednesday, September
            case 'z' -> 5;
            case 'Z' -> 64;     // a zone name, or UTC+hh:mm:ss
            default -> 3;       // day of the year, and every shorter number or text
        };
        return Math.max(longest, d.width);
    }

    /** Appends one directive; epochSecond is passed so %s needs no conversion back. */
    static void append(StringBuilder out, Spec d, ZonedDateTime t, long epochSecond) {
        int dow = t.getDayOfWeek().getValue() % 7; // C's tm_wday: Sunday = 0
        int yday = t.getDayOfYear() - 1;          // C's tm_yday: 0-based
        int hour = t.getHour();
        int hour12 = hour % 12 == 0 ? 12 : hour % 12;
        switch (d.conv) {
            case 'Y' -> number(out, t.getYear(), 1, '0', d);
            case 'y' -> number(out, Math.floorMod(t.getYear(), 100), 2, '0', d);
            case 'C' -> number(out, Math.floorDiv(t.getYear(), 100), 2, '0', d);
            case 'm' -> number(out, t.getMonthValue(), 2, '0', d);
            case 'd' -> number(out, t.getDayOfMonth(), 2, '0', d);
            case 'e' -> number(out, t.getDayOfMonth(), 2, ' ', d);
            case 'j' -> number(out, yday + 1, 3, '0', d);
            case 'H' -> number(out, hour, 2, '0', d);
            case 'k' -> number(out, hour, 2, ' ', d);
            case 'I' -> number(out, hour12, 2, '0', d);
            case 'l' -> number(out, hour12, 2, ' ', d);
            case 'M' -> number(out, t.getMinute(), 2, '0', d);
            case 'S' -> number(out, t.getSecond(), 2, '0', d);
            case 'u' -> number(out, dow == 0 ? 7 : dow, 1, '0', d);
            case 'w' -> number(out, dow, 1, '0', d);
            case 'U' -> number(out, (yday + 7 - dow) / 7, 2, '0', d);
            case 'W' -> number(out, (yday + 7 - (dow + 6) % 7) / 7, 2, '0', d);
            case 'V' -> number(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2, '0', d);
            case 'G' -> number(out, t.get(IsoFields.WEEK_BASED_YEAR), 1, '0', d);
            case 'g' -> number(out, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2, '0', d);
            case 's' -> number(out, epochSecond, 1, '0', d);
            case 'a' -> text(out, DAYS[dow].substring(0, 3), d, SWAP_UPPER);
            case 'A' -> text(out, DAYS[dow], d, SWAP_UPPER);
            case 'b', 'h' -> text(out, MONTHS[t.getMonthValue() - 1].substring(0, 3), d, SWAP_UPPER);
            case 'B' -> text(out, MONTHS[t.getMonthValue() - 1], d, SWAP_UPPER);
            case 'p' -> text(out, hour < 12 ? "AM" : "PM", d, SWAP_LOWER);
            case 'P' -> text(out, hour < 12 ? "am" : "pm", d, ALWAYS_LOWER);
            case 'Z' -> text(out, zoneName(t), d, SWAP_LOWER);
            case 'z' -> offset(out, t.getOffset());
            case 'n' -> text(out, "\n", d, SWAP_UPPER);
            case 't' -> text(out, "\t", d, SWAP_UPPER);
            case '%' -> text(out, "%", d, SWAP_UPPER);
            default -> throw new IllegalStateException("not a simple directive: " + d.conv);
        }
    }

    /**
     * Fixed offsets have no tz-database name; use Python datetime.timezone's "UTC+01:00" form
     * (and plain "UTC" for zero, which is also what "Z" means).
     */
    private static String zoneName(ZonedDateTime t) {
        if (t.getZone() instanceof ZoneOffset off) {
            return off.getTotalSeconds() == 0 ? "UTC" : "UTC" + off.getId();
        }
        return ZONE_NAME.format(t);
    }

    /** +hhmm; seconds of historical offsets are dropped, as glibc does. Flags are ignored. */
    private static void offset(StringBuilder out, ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        out.append(total < 0 ? '-' : '+');
        int minutes = Math.abs(total) / 60;
        int hh = minutes / 60;
        int mm = minutes % 60;
        out.append((char) ('0' + hh / 10)).append((char) ('0' + hh % 10))
            .append((char) ('0' + mm / 10)).append((char) ('0' + mm % 10));
    }

    /**
     * glibc number padding: '-' drops the directive's own padding (an explicit width still pads
     * with spaces), '_' pads with spaces, '0' with zeros, otherwise the directive's pad character.
     */
    private static void number(StringBuilder out, long value, int digits, char ownPad, Spec d) {
        int min = Math.max(d.pad == '-' ? 0 : digits, d.width);
        char p = d.pad == '_' || d.pad == '-' ? ' ' : d.pad == '0' ? '0' : ownPad;
        int len = 1;
        for (long v = Math.abs(value); v >= 10; v /= 10) {
            len++;
        }
        if (value < 0) {
            out.append('-');
            len++;
        }
        for (int i = min - len; i > 0; i--) {
            out.append(p);
        }
        out.append(Math.abs(value));
    }

    /** Text: '^' upper-cases; '#' per caseRule; lower-casing wins, as in glibc. */
    private static void text(StringBuilder out, String s, Spec d, int caseRule) {
        boolean lower = caseRule == ALWAYS_LOWER || (d.swap && caseRule == SWAP_LOWER);
        if (lower) {
            s = s.toLowerCase(Locale.ROOT);
        } else if (d.upper || d.swap) {
            s = s.toUpperCase(Locale.ROOT);
        }
        for (int i = d.width - s.length(); i > 0; i--) {
            out.append(d.pad == '0' ? '0' : ' ');
        }
        out.append(s);
    }
}

package io.poxlog.viewer.tui;

import java.util.List;

/** Every key and command of the viewer (the same list as README.md's). */
final class Help {
    static final List<String> TEXT = List.of(
            "pox-log keys",
            "",
            "  q, Ctrl-C         quit (the terminal is restored)",
            "  ?                 this help",
            "  space             pause / follow (follow shows each new record as it comes)",
            "  \u2191 \u2193  k j          select the previous / next record (moving up pauses)",
            "  PgUp PgDn         a page up / down",
            "  Home g  End G     the oldest record / the newest, following again",
            "  \u2190 \u2192  h l          scroll long lines sideways",
            "  w                 wrap long lines and show multi-line messages whole (again: one line each)",
            "  Enter             the selected record in full: every attribute, the stack trace",
            "  /                 search (a regex, on logger and message): the newest match at or above",
            "  n  N              the next older / next newer match",
            "  L                 the logger tree: configured and effective levels, change them with one key",
            "  :                 a command:",
            "",
            "  :level LOGGER LEVEL     set a logger's level on every controller (\"\" or root = the root logger)",
            "  :level LOGGER default   make it inherit its parent's level again",
            "  :filter REGEX           show only records whose logger or message matches (no REGEX: all)",
            "  :filter-out REGEX       hide records whose logger or message matches (no REGEX: hide none)",
            "  :min-level LEVEL        show only records at or above LEVEL (no LEVEL: all)",
            "  :clear                  forget the records held (the counters stay)",
            "  :write FILE             save the records shown, as JSON lines",
            "  :quit                   quit",
            "",
            "Levels: TRACE DEBUG INFO WARNING ERROR CRITICAL, WARN, or a number (10 ... 50).",
            "Records arriving with control characters or escape sequences show them as ^[ ^G <9b>.");

    private Help() {
    }

    static TextPage page() {
        return new TextPage(TEXT, "help", "Esc/?/q", '?');
    }
}

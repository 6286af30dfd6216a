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
            "  Enter             the selected record in full: every attribute, the stack trace, the whole message",
            "  /                 search (a regex, on logger and message; all lower case: any case): "
                    + "the newest match at or above",
            "  n  N              the next older / next newer match",
            "  Esc               call off a search, :write or filter still at work; else clear the search",
            "  L                 the logger tree: configured and effective levels, change them with one key",
            "  R                 retry the controllers that refused this viewer (a token refused or missing)",
            "  :                 a command:",
            "",
            "  :level LOGGER LEVEL     set a logger's level on every controller (\"\" or root = the root logger);"
                    + " one line per controller says how it went",
            "  :level LOGGER default   make it inherit its parent's level again",
            "  :level LOGGER LEVEL 5m  the same for five minutes (90s, 1h, 1h30m): then it goes back by itself",
            "  :filter REGEX           show only records whose logger or message matches (no REGEX: all)",
            "  :filter-out REGEX       hide records whose logger or message matches (no REGEX: hide none)",
            "  :min-level LEVEL        show only records at or above LEVEL (no LEVEL: all)",
            "  :source NAME            show one controller's records (host:port, or a part only it has; no NAME: all)",
            "  :clear                  forget the records held (the counters stay)",
            "  :write FILE             save the records shown, whole, as JSON lines; never replaces a file",
            "  :write! FILE            the same, replacing FILE if it exists",
            "  :quit                   quit",
            "",
            "In the logger tree",
            "",
            "  \u2191 \u2193  PgUp PgDn      select a logger",
            "  t d i w e c       set it to TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL",
            "  x, Delete         make it inherit its parent's level again",
            "  f                 for a time: asks how long (90s, 5m, 1h), then t d i w e c x sets the level for that long",
            "  space, Enter      fold / unfold it (\u2190 folds or goes to the parent, \u2192 unfolds);"
                    + " messenger and io.netty start folded",
            "  /  n              find a logger by a regex on its name / the next one",
            "  r  Tab  Esc       ask for the levels again / the next controller / close",
            "",
            "Levels: TRACE DEBUG INFO WARNING ERROR CRITICAL, WARN, or a number (10 ... 50).",
            "Regexes: all lower case matches any case (smart case); an upper-case letter makes it exact.",
            "Messages longer than " + String.format(java.util.Locale.ROOT, "%,d", Columns.MAX_SHOWN)
                    + " characters are cut in the list; Enter and :write have them whole.",
            "Records arriving with control characters, escape sequences or bidi controls show them as ^[ ^G <9b> <202e>.");

    private Help() {
    }

    static TextPage page() {
        return new TextPage(TEXT, "help", "Esc/?/q", '?');
    }
}

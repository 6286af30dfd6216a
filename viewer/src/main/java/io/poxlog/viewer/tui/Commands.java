package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.FilterProgress;
import io.poxlog.viewer.model.LevelDurations;
import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.RecordStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code :} commands: each line runs one command and returns what to tell the user, or
 * throws {@link CommandException} saying what was wrong. A command that takes long hands its
 * work off ({@code :write} to {@link Jobs}; a regex filter to the store's builder) and says
 * later how it ended. UI thread only.
 */
final class Commands {
    /** A command that could not run; the message says why, for the message line. */
    static final class CommandException extends Exception {
        CommandException(String message) {
            super(message);
        }
    }

    static final String USAGE = "commands: level LOGGER LEVEL|default, filter [REGEX], filter-out [REGEX], "
            + "min-level [LEVEL], source [NAME], clear, write[!] FILE, quit";

    private final ControllerSet controllers;
    private final RecordStore store;
    private final Jobs writes;
    private final MessageLine messages;
    private final Runnable quit;

    /** @param writes where {@code :write} runs */
    Commands(ControllerSet controllers, Jobs writes, MessageLine messages, Runnable quit) {
        this.controllers = controllers;
        this.store = controllers.store();
        this.writes = writes;
        this.messages = messages;
        this.quit = quit;
    }

    String run(String line) throws CommandException {
        String t = line.strip();
        int sp = indexOfSpace(t);
        String cmd = sp < 0 ? t : t.substring(0, sp);
        String rest = sp < 0 ? "" : t.substring(sp).strip();
        return switch (cmd) {
            case "level" -> level(words(rest));
            case "filter" -> filter(rest, false);
            case "filter-out" -> filter(rest, true);
            case "min-level" -> minLevel(rest);
            case "source" -> source(rest);
            case "clear" -> {
                noArguments(cmd, rest);
                store.clear();
                yield "cleared the records held";
            }
            case "write" -> write(rest, false);
            case "write!" -> write(rest, true);
            case "q", "quit" -> {
                quit.run();
                yield "";
            }
            case "" -> throw new CommandException(USAGE);
            default -> throw new CommandException("unknown command '" + cmd + "'; " + USAGE);
        };
    }

    private String level(List<String> args) throws CommandException {
        if (args.size() != 2 && args.size() != 3) {
            throw new CommandException("usage: level LOGGER LEVEL [DURATION] (LEVEL default inherits; DURATION 90s, 5m, 1h); "
                    + "\"\" or root is the root logger");
        }
        String logger = args.get(0).equals("root") ? "" : args.get(0);
        String given = args.get(1);
        String level;
        long forSeconds = 0;
        LevelReport report;
        try {
            level = Levels.meansInherit(given) ? Levels.NOTSET : Levels.canonical(given);
            if (args.size() == 3) {
                forSeconds = LevelDurations.parse(args.get(2));
            }
            report = controllers.changeLevel(null, logger, level, forSeconds, true);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        int sent = report.sent();
        if (report.lines().isEmpty()) {
            throw new CommandException("no controller is followed; nothing was set");
        }
        if (sent == 0) {
            if (report.lines().size() == 1) {
                throw new CommandException("nothing was set: " + report.lines().get(0).text());
            }
            messages.complain("nothing was set: no controller took it", report);
            return "";
        }
        // One line per controller above this one, each filled in as its answer comes.
        messages.say("set " + Levels.describe(logger, level) + (forSeconds > 0 ? " for " + LevelDurations.left(forSeconds) : "")
                + " on " + sent + " controller" + (sent == 1 ? "" : "s") + (sent == report.lines().size() ? ""
                : " of " + report.lines().size()), report);
        return "";
    }

    private String filter(String regex, boolean out) throws CommandException {
        Pattern p = regex(regex);
        return show(out ? store.filter().withExclude(p) : store.filter().withInclude(p));
    }

    /**
     * A regex the user typed (for :filter, :filter-out, / search and the logger tree's search);
     * null for none. Smart case: without an upper-case letter of its own it ignores case.
     */
    static Pattern regex(String text) throws CommandException {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text, hasUpperCase(text) ? 0 : Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        } catch (PatternSyntaxException e) {
            throw new CommandException("bad regex: " + e.getDescription() + " in /" + text + "/");
        }
    }

    /**
     * Whether a regex has an upper-case letter to match: escapes ({@code \S}, {@code \W}) and
     * the names in {@code \p{Lu}} and {@code (?<Name>)} are not letters to match.
     */
    static boolean hasUpperCase(String regex) {
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\' && i + 1 < regex.length()) {
                char next = regex.charAt(++i);
                if ((next == 'p' || next == 'P') && i + 1 < regex.length() && regex.charAt(i + 1) == '{') {
                    int end = regex.indexOf('}', i);
                    i = end < 0 ? regex.length() : end;
                }
            } else if (c == '(' && regex.startsWith("(?<", i) && i + 3 < regex.length()
                    && Character.isLetter(regex.charAt(i + 3))) {
                int end = regex.indexOf('>', i);
                i = end < 0 ? regex.length() : end;
            } else if (Character.isUpperCase(c)) {
                return true;
            }
        }
        return false;
    }

    private String minLevel(String level) throws CommandException {
        int n = 0;
        if (!level.isEmpty()) {
            try {
                n = Levels.number(level);
            } catch (IllegalArgumentException e) {
                throw new CommandException(e.getMessage());
            }
        }
        return show(store.filter().withMinLevel(n));
    }

    /** Only one controller's records: the one whose {@code host:port} is NAME, or the only one containing it. */
    private String source(String name) throws CommandException {
        if (name.isEmpty()) {
            return show(store.filter().withSource(null));
        }
        List<String> sources = controllers.sources();
        String chosen = sources.contains(name) ? name : null;
        if (chosen == null) {
            List<String> like = sources.stream().filter(s -> s.contains(name)).toList();
            if (like.size() != 1) {
                throw new CommandException((like.isEmpty() ? "no controller matches '" : "several controllers match '")
                        + name + "'; following " + String.join(", ", like.isEmpty() ? sources : like));
            }
            chosen = like.get(0);
        }
        return show(store.filter().withSource(chosen));
    }

    /** Applies a filter and says what it leaves shown, or, for a regex being matched, that it is. */
    private String show(Filter f) {
        store.setFilter(f);
        return store.filterApplied() ? showing() : "filtering the " + count(store.size()) + " records held ("
                + f.describe() + ")";
    }

    /** What the filter leaves shown, once it is applied. */
    String showing() {
        return "showing " + count(store.viewSize()) + " of " + count(store.size()) + " records held ("
                + store.filter().describe() + ")";
    }

    /** How far a regex filter is, for the bottom line; null when it is applied. */
    String filtering() {
        FilterProgress p = store.filterProgress();
        if (p == null) {
            return null;
        }
        return "filter " + store.filter().describe() + ": " + count(p.checked()) + " of " + count(p.total())
                + " records checked" + (p.waiting() > 0 ? ", " + count(p.waiting()) + " new waiting" : "")
                + " (Esc cancels)";
    }

    private String write(String file, boolean replace) throws CommandException {
        if (file.isEmpty()) {
            throw new CommandException("usage: write FILE (write! FILE replaces a file that exists)");
        }
        if (writes.running() != null) {
            throw new CommandException("a write is still at work; wait for it, or Esc calls it off");
        }
        writes.start("writing " + file, "records", "write cancelled; " + file + " is as it was",
                new RecordWriter(store, file, replace, controllers.several(), messages));
        return "";
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static void noArguments(String cmd, String rest) throws CommandException {
        if (!rest.isEmpty()) {
            throw new CommandException(cmd + " takes no arguments");
        }
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Words separated by spaces; "..." or '...' keep spaces, and "" is an empty word. */
    static List<String> words(String s) throws CommandException {
        List<String> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '\'') {
                int end = s.indexOf(c, i + 1);
                if (end < 0) {
                    throw new CommandException("unclosed " + c + " in: " + s);
                }
                out.add(s.substring(i + 1, end));
                i = end + 1;
            } else {
                int end = i;
                while (end < s.length() && !Character.isWhitespace(s.charAt(end))) {
                    end++;
                }
                out.add(s.substring(i, end));
                i = end;
            }
        }
        return out;
    }
}

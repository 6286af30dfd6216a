package io.poxlog.viewer.tui;

import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.JsonLines;
import io.poxlog.viewer.model.Levels;
import io.poxlog.viewer.model.LogEntry;
import io.poxlog.viewer.model.RecordStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code :} commands: each line runs one command and returns what to tell the user, or
 * throws {@link CommandException} saying what was wrong. UI thread only.
 */
final class Commands {
    /** A command that could not run; the message says why, for the message line. */
    static final class CommandException extends Exception {
        CommandException(String message) {
            super(message);
        }
    }

    static final String USAGE = "commands: level LOGGER LEVEL|default, filter [REGEX], filter-out [REGEX], "
            + "min-level [LEVEL], clear, write FILE, quit";

    private final ControllerSet controllers;
    private final RecordStore store;
    private final Runnable quit;

    Commands(ControllerSet controllers, Runnable quit) {
        this.controllers = controllers;
        this.store = controllers.store();
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
            case "clear" -> {
                noArguments(cmd, rest);
                store.clear();
                yield "cleared the records held";
            }
            case "write" -> write(rest);
            case "q", "quit" -> {
                quit.run();
                yield "";
            }
            case "" -> throw new CommandException(USAGE);
            default -> throw new CommandException("unknown command '" + cmd + "'; " + USAGE);
        };
    }

    private String level(List<String> args) throws CommandException {
        if (args.size() != 2) {
            throw new CommandException("usage: level LOGGER LEVEL (or default); \"\" or root is the root logger");
        }
        String logger = args.get(0).equals("root") ? "" : args.get(0);
        String given = args.get(1);
        String level;
        int sent;
        try {
            level = Levels.meansInherit(given) ? Levels.NOTSET : Levels.canonical(given);
            sent = controllers.setLevel(null, logger, level);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        if (sent == 0) {
            throw new CommandException("no controller is connected; nothing was set");
        }
        return "set " + Levels.describe(logger, level) + " on " + sent + " controller" + (sent == 1 ? "" : "s");
    }

    private String filter(String regex, boolean out) throws CommandException {
        Pattern p = regex(regex);
        return show(out ? store.filter().withExclude(p) : store.filter().withInclude(p));
    }

    /** A regex the user typed (for :filter, :filter-out and / search); null for none. */
    static Pattern regex(String text) throws CommandException {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new CommandException("bad regex: " + e.getDescription() + " in /" + text + "/");
        }
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

    /** Applies a filter and says what it leaves shown. */
    private String show(Filter f) {
        store.setFilter(f);
        return "showing " + store.viewSize() + " of " + store.size() + " records held (" + f.describe() + ")";
    }

    private String write(String file) throws CommandException {
        if (file.isEmpty()) {
            throw new CommandException("usage: write FILE");
        }
        Path path = Path.of(file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file);
        List<LogEntry> shown = store.viewSnapshot();
        try (BufferedWriter w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            for (LogEntry e : shown) {
                w.write(JsonLines.of(e, controllers.several()));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new CommandException("cannot write " + file + ": " + e.getMessage());
        }
        return "wrote " + shown.size() + " records to " + path;
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

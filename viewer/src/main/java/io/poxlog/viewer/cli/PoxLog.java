package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.ClientOptions;
import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.ServerFilter;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.Filter;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import io.poxlog.viewer.client.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/pox-log}: tail and steer one or more controllers' logs. On a terminal it opens the
 * terminal UI; with {@code --plain} or {@code --json}, or when its input or output is not a
 * terminal, it prints one record per line ({@link LineRun}). POX's arguments keep their meaning.
 * The subcommands {@code levels}, {@code set} and {@code reset} read and change levels without
 * tailing ({@link LevelCommands}).
 */
@Command(name = "pox-log", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false, subcommands = {LevelCommands.ShowLevels.class, LevelCommands.SetLevel.class, LevelCommands.ResetLevel.class},
        description = {"Tail a controller's log and change its log levels live.",
                "Works with this project's controllers and with POX's log service."},
        footer = {"", "Examples:",
                "  pox-log                                   the TUI on 127.0.0.1:7790",
                "  pox-log openflow=DEBUG --plain            set openflow to DEBUG, print lines",
                "  pox-log --connect c1:7790 --connect c2:7790 --min-level WARNING",
                "  pox-log --connect ws://c3:8000/_webmsg/ws over WebSocket (wss:// with TLS)",
                "  pox-log --no-follow --since 10m --min-level ERROR    errors of the last 10 min",
                "  pox-log levels openflow                   levels without tailing",
                "",
                "Exit codes: 0 when stopped (or, with --no-follow and the level commands, when",
                "  done), 1 when the terminal cannot be used or a controller cannot be reached",
                "  (--no-follow, level commands), 2 for a bad argument, 3 when a controller",
                "  refuses the token (or wants one and none was given; the terminal UI shows it",
                "  in the status, R retries), 4 when a controller cannot do what was asked (no",
                "  log service, no levels to report, an error answered)."})
public final class PoxLog implements Callable<Integer> {
    /** A controller could not be reached (--no-follow, level commands). */
    static final int EXIT_UNREACHABLE = 1;
    /** A controller refuses the token (or wants one and none was given). */
    static final int EXIT_REFUSED = 3;
    /** A controller cannot do what was asked: no log service, no levels, an error in answer. */
    static final int EXIT_CANNOT = 4;
    /** The terminal UI's first backlog when none is asked for: context at once for a newcomer. */
    static final int DEFAULT_TUI_BACKLOG = 500;

    @Parameters(paramLabel = "logger[=LEVEL]", arity = "0..*",
            description = "Set these controller loggers' levels on connect (LEVEL defaults to --level; "
                    + "default inherits again; the root logger is root).")
    List<String> loggers = new ArrayList<>();

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "Level for loggers named without one (default INFO); given explicitly, also the controller's root level.")
    String level;

    @Option(names = "--for", paramLabel = "DURATION",
            description = "Set the logger[=LEVEL] levels for this long only (90s, 5m, 1h, 1h30m; at most 7d), once: "
                    + "then the controller puts back what each had.")
    String levelsFor;

    @CommandLine.Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Option(names = "--plain", description = "Print LEVELNAME|logger|message lines, one per record "
            + "(automatic when input or output is not a terminal).")
    boolean plain;

    @Option(names = "--json", description = "Print one JSON record per line.")
    boolean json;

    @Option(names = "--multiline", description = "Plain lines: print multi-line messages (stack traces) whole, "
            + "each line after the first indented (default: newlines shown as \u23ce).")
    boolean multiline;

    @Option(names = "--timestamps", description = "Plain lines: begin each with the record's time (ISO 8601, local).")
    boolean timestamps;

    @Option(names = "--grep", paramLabel = "REGEX", description = "Only records whose logger or message matches.")
    String grep;

    @Option(names = "--exclude", paramLabel = "REGEX", description = "No records whose logger or message matches.")
    String exclude;

    @Option(names = "--min-level", paramLabel = "LEVEL", description = "Only records at or above this level.")
    String minLevel;

    @Option(names = {"-n", "--backlog"}, paramLabel = "N",
            description = "First show the last N retained records that pass the filters "
                    + "(default: " + DEFAULT_TUI_BACKLOG + " in the TUI, none in lines, all with --no-follow or --since).")
    Integer backlog;

    @Option(names = "--since", paramLabel = "WHEN",
            description = "Only records since then: 10m, 2h, 1d, 1h30m ago, or a time (2026-11-25T07:00).")
    String since;

    @Option(names = "--no-follow", description = "Print what the controllers retain (filtered) and exit; implies lines.")
    boolean noFollow;

    @Option(names = "--reorder-window", paramLabel = "MS",
            description = "With several controllers in lines, hold each record this long to print them in time order "
                    + "(default: ${DEFAULT-VALUE}; 0 prints as received).")
    long reorderWindowMillis = TimeMerge.DEFAULT_WINDOW.toMillis();

    @Option(names = "--buffer", paramLabel = "N", defaultValue = "100000",
            description = "Records the TUI keeps (default: ${DEFAULT-VALUE}).")
    int buffer;

    final PrintStream out;
    final PrintStream err;
    final Terminals terminals;
    final Map<String, String> env;
    /** Stops a run in lines; tests count it down. */
    final CountDownLatch stop = new CountDownLatch(1);

    PoxLog(PrintStream out, PrintStream err, boolean terminal) {
        this(out, err, terminal, Map.of());
    }

    PoxLog(PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {
        this(out, err, terminal ? Terminals.ALL : Terminals.NONE, env);
    }

    PoxLog(PrintStream out, PrintStream err, Terminals terminals, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.terminals = terminals;
        this.env = env;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        System.exit(commandLine(new PoxLog(out, System.err, Terminals.detect(), System.getenv())).execute(args));
    }

    static CommandLine commandLine(PoxLog app) {
        CommandLine cl = new CommandLine(app);
        cl.setOut(new java.io.PrintWriter(app.out, true));
        cl.setErr(new java.io.PrintWriter(app.err, true));
        OneLineErrors errors = new OneLineErrors();
        cl.setParameterExceptionHandler(errors);
        // Checks made after parsing (settings()) throw ParameterException too: same treatment.
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof CommandLine.ParameterException pe) {
                return errors.handleParseException(pe, new String[0]);
            }
            throw ex;
        });
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        Settings s = settings();
        if (s.lines()) {
            return new LineRun(this, s).run();
        }
        return TuiLauncher.run(s, err);
    }

    /**
     * The checked command line.
     *
     * @param filter what the viewer shows, whatever the controller sent
     * @param sinceCutoff {@code --since} in seconds since the epoch; NaN for none
     * @param notes what to say once before anything else (a filter the controller cannot apply)
     */
    record Settings(List<Endpoint> endpoints, SubscriptionOptions options, Filter filter, int buffer, boolean lines,
                    boolean json, boolean multiline, boolean timestamps, boolean noFollow, double sinceCutoff,
                    Duration reorderWindow, List<String> notes) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Whether records go out as lines rather than to the terminal UI. */
    boolean lines() {
        return plain || json || multiline || timestamps || noFollow || !terminals.interactive();
    }

    Settings settings() {
        CommandLine cl = spec.commandLine();
        if (plain && json) {
            throw new CommandLine.ParameterException(cl, "--plain and --json exclude each other");
        }
        if (json && (multiline || timestamps)) {
            throw new CommandLine.ParameterException(cl, (multiline ? "--multiline" : "--timestamps")
                    + " is for plain lines; --json has every record whole, with its created time");
        }
        List<Endpoint> endpoints = connection.endpoints(cl);
        if (backlog != null && backlog < 0) {
            throw new CommandLine.ParameterException(cl, "--backlog must be 0 or more, not " + backlog);
        }
        if (buffer < 1) {
            throw new CommandLine.ParameterException(cl, "--buffer must be at least 1, not " + buffer);
        }
        if (reorderWindowMillis < 0 || reorderWindowMillis > 60_000) {
            throw new CommandLine.ParameterException(cl, "--reorder-window must be 0 to 60000 ms, not " + reorderWindowMillis);
        }
        double cutoff = Double.NaN;
        if (since != null) {
            try {
                cutoff = Since.parse(since, Instant.now(), ZoneId.systemDefault());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--since: " + e.getMessage());
            }
        }
        Map<String, String> levels = levels(cl);
        List<String> notes = new ArrayList<>();
        Filter filter = Filter.ALL;
        int least = 0;
        if (minLevel != null) {
            least = check(cl, "--min-level", () -> LevelArgs.minLevel(minLevel));
            filter = filter.withMinLevel(least);
        }
        Pattern include = regex(cl, "--grep", grep);
        Pattern out = regex(cl, "--exclude", exclude);
        filter = filter.withInclude(include).withExclude(out);
        String serverGrep = serverPattern("--grep", grep, notes);
        String serverExclude = serverPattern("--exclude", exclude, notes);
        boolean lines = lines();
        int n = backlog != null ? backlog
                : noFollow || since != null ? SubscriptionOptions.ALL_RETAINED
                : lines ? 0 : DEFAULT_TUI_BACKLOG;
        long forSeconds = 0;
        if (levelsFor != null) {
            forSeconds = check(cl, "--for", () -> LevelArgs.duration(levelsFor));
            if (levels.isEmpty()) {
                throw new CommandLine.ParameterException(cl, "--for times the levels that logger=LEVEL arguments set; "
                        + "none is given (or: pox-log set LOGGER LEVEL --for " + levelsFor + ")");
            }
        }
        SubscriptionOptions options = SubscriptionOptions.defaults().withBacklog(n).withSetLevels(levels).withLevelsFor(forSeconds)
                .withFilter(new ServerFilter(least, serverGrep, serverExclude));
        options = options.withClient(connection.client(cl, options.client(), env));
        if (noFollow) {
            options = options.once();
        }
        return new Settings(endpoints, options, filter, buffer, lines, json, multiline, timestamps, noFollow, cutoff,
                Duration.ofMillis(reorderWindowMillis), List.copyOf(notes));
    }

    /** The levels to set on connect: {@code --level} for the root when given, and each {@code logger[=LEVEL]}. */
    private Map<String, String> levels(CommandLine cl) {
        Map<String, String> levels = new LinkedHashMap<>();
        String defaultLevel = check(cl, "--level", () -> LevelArgs.level(level == null ? "INFO" : level));
        if (level != null) {
            check(cl, "--level", () -> LevelArgs.levelFor("", level)); // it sets the root, which cannot inherit
            levels.put("", defaultLevel);
        }
        for (String l : loggers) {
            int eq = l.indexOf('=');
            String given = eq < 0 ? l : l.substring(0, eq);
            String name = check(cl, "logger '" + given + "'", () -> LevelArgs.logger(given));
            String lv = eq < 0 ? defaultLevel : l.substring(eq + 1);
            levels.put(name, check(cl, "logger " + LevelArgs.describe(name), () -> LevelArgs.levelFor(name, lv)));
        }
        return levels;
    }

    /** A regex as Java compiles it for the viewer's own filter, {@code ^} and {@code $} at every line as the controller's. */
    private static Pattern regex(CommandLine cl, String option, String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex, Pattern.MULTILINE);
        } catch (PatternSyntaxException e) {
            throw new CommandLine.ParameterException(cl, option + ": bad regex: " + e.getDescription());
        }
    }

    /** The regex to hand the controller too, or null (and a note) when it cannot take it. */
    private static String serverPattern(String option, String regex, List<String> notes) {
        if (regex == null) {
            return null;
        }
        String problem = ServerPatterns.problem(regex);
        if (problem != null) {
            notes.add(option + " '" + regex + "' is applied here only: " + problem
                    + "; so the backlog is the last records before it, and all records cross the network");
            return null;
        }
        return regex;
    }

    private interface Check<T> {
        T get();
    }

    static <T> T check(CommandLine cl, String what, Check<T> c) {
        try {
            return c.get();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, what + ": " + e.getMessage());
        }
    }

    static List<LogSubscription> start(Settings s, LogListener listener) {
        List<LogSubscription> subs = new ArrayList<>();
        for (Endpoint e : s.endpoints()) {
            subs.add(new LogSubscription(e, s.options(), listener).start());
        }
        return subs;
    }

    /** The client options of the level commands: one connection, TLS and the token as asked. */
    ClientOptions levelClient(CommandLine cl) {
        return connection.client(cl, ClientOptions.defaults().withThreadName("pox-log").once(), env);
    }
}

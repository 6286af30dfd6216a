package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import io.poxlog.viewer.client.SubscriptionOptions;
import io.poxlog.viewer.model.Filter;
import io.poxlog.viewer.model.Levels;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/pox-log}: tail and steer one or more controllers' logs. On a terminal it opens the
 * terminal UI; with {@code --plain} or {@code --json}, or when its output is not a terminal, it
 * prints one record per line. POX's arguments keep their meaning.
 */
@Command(name = "pox-log", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        sortOptions = false,
        description = {"Tail a controller's log and change its log levels live.",
                "Works with this project's controllers and with POX's log service."},
        footer = {"", "Examples:",
                "  pox-log                                   the TUI on 127.0.0.1:7790",
                "  pox-log openflow=DEBUG --plain            set openflow to DEBUG, print lines",
                "  pox-log --connect c1:7790 --connect c2:7790 --min-level WARNING",
                "",
                "Exit codes: 0 when stopped, 1 when the terminal cannot be used, 2 for a bad",
                "  argument, 3 in plain mode when a controller refuses the token (or wants one",
                "  and none was given); the terminal UI shows a refusal in the status, R retries."})
public final class PoxLog implements Callable<Integer> {
    /** Plain mode's exit code when a controller refuses the token (or wants one and none was given). */
    static final int EXIT_REFUSED = 3;

    @Parameters(paramLabel = "logger[=LEVEL]", arity = "0..*",
            description = "Set these controller loggers' levels on connect (LEVEL defaults to --level).")
    List<String> loggers = new ArrayList<>();

    @Option(names = "--level", paramLabel = "LEVEL",
            description = "Level for loggers named without one (default INFO); given explicitly, also the controller's root level.")
    String level;

    @Option(names = "--address", defaultValue = "127.0.0.1", description = "Controller address (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", defaultValue = "7790", description = "Controller messenger port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--connect", paramLabel = "HOST:PORT",
            description = "A controller to follow; repeat for several (records merge in time order). Replaces --address/--port.")
    List<String> connect = new ArrayList<>();

    @Option(names = "--plain", description = "Print LEVELNAME|logger|message lines (automatic when output is not a terminal).")
    boolean plain;

    @Option(names = "--json", description = "Print one JSON record per line.")
    boolean json;

    @Option(names = "--grep", paramLabel = "REGEX", description = "Only records whose logger or message matches.")
    String grep;

    @Option(names = "--min-level", paramLabel = "LEVEL", description = "Only records at or above this level.")
    String minLevel;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "0",
            description = "First show the last N records the controller retains.")
    int backlog;

    @Option(names = "--buffer", paramLabel = "N", defaultValue = "100000",
            description = "Records the TUI keeps (default: ${DEFAULT-VALUE}).")
    int buffer;

    @CommandLine.Mixin
    SecurityOptions security = new SecurityOptions();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final Map<String, String> env;
    /** Stops a plain run; tests count it down. */
    final CountDownLatch stop = new CountDownLatch(1);

    PoxLog(PrintStream out, PrintStream err, boolean terminal) {
        this(out, err, terminal, Map.of());
    }

    PoxLog(PrintStream out, PrintStream err, boolean terminal, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.env = env;
    }

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        PrintStream out = new PrintStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
                false, StandardCharsets.UTF_8);
        System.exit(commandLine(new PoxLog(out, System.err, terminal, System.getenv())).execute(args));
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
        boolean lines = plain || json || !terminal;
        if (lines) {
            return runLines(s);
        }
        return TuiLauncher.run(s, err);
    }

    /** The checked command line. */
    record Settings(List<Endpoint> endpoints, SubscriptionOptions options, Filter filter, int buffer) {
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    Settings settings() {
        CommandLine cl = spec.commandLine();
        if (plain && json) {
            throw new CommandLine.ParameterException(cl, "--plain and --json exclude each other");
        }
        List<Endpoint> endpoints = new ArrayList<>();
        try {
            for (String c : connect) {
                endpoints.add(Endpoint.parse(c));
            }
            if (endpoints.isEmpty()) {
                endpoints.add(Endpoint.parse(address + ":" + port));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--connect " + e.getMessage());
        }
        if (backlog < 0) {
            throw new CommandLine.ParameterException(cl, "--backlog must be 0 or more, not " + backlog);
        }
        if (buffer < 1) {
            throw new CommandLine.ParameterException(cl, "--buffer must be at least 1, not " + buffer);
        }
        Map<String, String> levels = new LinkedHashMap<>();
        String defaultLevel = checkLevel(cl, "--level", level == null ? "INFO" : level);
        if (level != null) {
            levels.put("", defaultLevel);
        }
        for (String l : loggers) {
            int eq = l.indexOf('=');
            String name = eq < 0 ? l : l.substring(0, eq);
            String lv = eq < 0 ? defaultLevel : checkLevel(cl, "logger " + name, l.substring(eq + 1));
            levels.put(name, lv);
        }
        Filter filter = Filter.ALL;
        if (grep != null) {
            try {
                filter = filter.withInclude(Pattern.compile(grep));
            } catch (PatternSyntaxException e) {
                throw new CommandLine.ParameterException(cl, "--grep: bad regex: " + e.getDescription());
            }
        }
        if (minLevel != null) {
            filter = filter.withMinLevel(Levels.number(checkLevel(cl, "--min-level", minLevel)));
        }
        SubscriptionOptions options = SubscriptionOptions.defaults().withBacklog(backlog).withSetLevels(levels);
        try {
            options = options.withTls(security.clientTls()).withToken(security.token(env));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        return new Settings(endpoints, options, filter, buffer);
    }

    private static String checkLevel(CommandLine cl, String what, String value) {
        try {
            return Levels.canonical(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, what + ": " + e.getMessage());
        }
    }

    private int runLines(Settings s) throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger exit = new java.util.concurrent.atomic.AtomicInteger();
        LineOutput output = new LineOutput(out, err, json, terminal, s.endpoints().size() > 1, s.filter(), () -> {
            exit.set(EXIT_REFUSED); // a refused token is final: say so and end, rather than wait forever
            stop.countDown();
        }, stop::countDown);
        List<LogSubscription> subs = start(s, output);
        Thread flusher = new Thread(() -> {
            while (stop.getCount() > 0) {
                output.flush();
                try {
                    stop.await(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pox-log-flush");
        flusher.setDaemon(true);
        flusher.start();
        Thread hook = new Thread(() -> {
            subs.forEach(LogSubscription::close);
            output.flush();
        }, "pox-log-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        stop.await();
        subs.forEach(LogSubscription::close);
        output.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        return exit.get();
    }

    static List<LogSubscription> start(Settings s, LogListener listener) {
        List<LogSubscription> subs = new ArrayList<>();
        for (Endpoint e : s.endpoints()) {
            subs.add(new LogSubscription(e.host(), e.port(), s.options(), listener).start());
        }
        return subs;
    }
}

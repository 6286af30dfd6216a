package io.poxlog.viewer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import io.poxlog.viewer.client.Endpoint;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Levels without tailing, as Karaf's {@code log:get}/{@code log:set} do: {@code pox-log levels
 * [PATTERN]}, {@code pox-log set LOGGER LEVEL}, {@code pox-log reset LOGGER}. Each speaks to every
 * controller named ({@code --connect}, or {@code --address}/{@code --port}) in turn, and exits
 * with the worst outcome: 0 done, 1 a controller could not be reached, 2 a bad argument, 3 a
 * token refused, 4 a controller that cannot (no log service, no levels to report, an error in
 * answer, a {@code read} token). Results go to standard output, problems to standard error.
 */
final class LevelCommands {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LevelCommands() {
    }

    /** What the three share: the parent's connection options and streams. */
    abstract static class Base implements Callable<Integer> {
        @ParentCommand
        PoxLog parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** One controller's part; returns its exit code. */
        abstract void on(LevelSession s, boolean several) throws LevelSession.Failure, InterruptedException;

        /** Checks made before any controller is asked. */
        void check() {
        }

        @Override
        public Integer call() throws Exception {
            check();
            CommandLine cl = spec.commandLine();
            List<Endpoint> endpoints = parent.connection.endpoints(cl);
            var options = parent.levelClient(cl);
            int exit = 0;
            for (Endpoint e : endpoints) {
                try (LevelSession s = LevelSession.open(e, options)) {
                    on(s, endpoints.size() > 1);
                } catch (LevelSession.Failure f) {
                    say(f.getMessage());
                    exit = Math.max(exit, f.exit);
                }
            }
            parent.out.flush();
            return exit;
        }

        void say(String problem) {
            parent.err.println("pox-log: " + (parent.terminals.err() ? io.poxlog.viewer.model.Sanitizer.line(problem) : problem));
            parent.err.flush();
        }

        void print(String line) {
            parent.out.println(parent.terminals.out() ? io.poxlog.viewer.model.Sanitizer.line(line) : line);
        }

        CommandLine.ParameterException bad(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "levels", mixinStandardHelpOptions = true,
            description = {"Print the controllers' loggers with their configured and effective levels, one per line",
                    "(configured '-' inherits), and for a timed level the time left and what comes after."})
    static final class ShowLevels extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "PATTERN",
                description = "A logger and those below it (openflow), or a glob over names (*.of_0?, openflow*).")
        String pattern;

        @Option(names = "--json",
                description = "One JSON object per logger: logger, configured, effective (until, revert_to; source).")
        boolean json;

        @Override
        void on(LevelSession s, boolean several) throws LevelSession.Failure, InterruptedException {
            boolean glob = pattern != null && (pattern.contains("*") || pattern.contains("?"));
            String prefix = pattern == null || glob ? null : LevelArgs.logger(pattern);
            JsonNode reply = s.levels(prefix == null || prefix.isEmpty() ? null : prefix);
            Pattern match = glob ? glob(pattern) : null;
            JsonNode levels = reply.path("levels");
            List<String[]> rows = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = levels.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> l = it.next();
                String name = LevelArgs.describe(l.getKey());
                if (match != null && !match.matcher(name).matches()) {
                    continue;
                }
                JsonNode configured = l.getValue().get("configured");
                JsonNode until = l.getValue().get("until");
                JsonNode revertTo = l.getValue().path("revert_to");
                rows.add(new String[] {name, configured == null || configured.isNull() ? null : configured.asText(),
                        l.getValue().path("effective").asText(""),
                        until == null || !until.isNumber() ? null : until.asText(),
                        revertTo.isTextual() ? revertTo.asText() : null});
            }
            double now = System.currentTimeMillis() / 1000.0;
            int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
            for (String[] r : rows) {
                if (json) {
                    ObjectNode o = MAPPER.createObjectNode().put("logger", r[0]).put("configured", r[1]).put("effective", r[2]);
                    if (r[3] != null) {
                        o.put("until", Double.parseDouble(r[3])).put("revert_to", r[4]);
                    }
                    if (several) {
                        o.put("source", s.source());
                    }
                    print(o.toString());
                } else {
                    String row = String.format("%-" + Math.max(1, width) + "s  %-8s  %s", r[0], r[1] == null ? "-" : r[1], r[2]);
                    if (r[3] != null) {
                        row = String.format("%-" + (width + 20) + "s", row) + "  " + timing(Double.parseDouble(r[3]), now, r[4]);
                    }
                    print((several ? s.source() + " " : "") + row);
                }
            }
            if (reply.path("truncated").asBoolean(false)) {
                say(s.source() + " has " + reply.path("total").asLong() + " loggers" + (prefix != null ? " under " + pattern : "")
                        + "; these are the first " + levels.size() + ": name a logger to see those below it");
            }
            if (rows.isEmpty() && pattern != null) {
                throw new LevelSession.Failure(PoxLog.EXIT_CANNOT, s.source() + " has no logger matching '" + pattern + "'");
            }
        }

        /** Time left of a timed level, and what comes after: {@code 4m59s left, then INFO}. */
        static String timing(double until, double now, String revertTo) {
            return LevelArgs.left((long) Math.ceil(until - now)) + " left, then " + (revertTo == null ? "-" : revertTo);
        }

        /** A glob as a regex: {@code *} any run of characters, {@code ?} one. */
        static Pattern glob(String g) {
            StringBuilder re = new StringBuilder();
            for (char c : g.toCharArray()) {
                re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return Pattern.compile(re.toString());
        }
    }

    /** Sets a level and says what the controller now has; shared by set and reset. */
    abstract static class Change extends Base {
        abstract String logger();

        abstract String level();

        /** The duration given, or null for an untimed change. */
        String duration() {
            return null;
        }

        String name;
        String level;
        long forSeconds;

        @Override
        void check() {
            try {
                name = LevelArgs.logger(logger());
                level = LevelArgs.levelFor(name, level());
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
            if (duration() != null) {
                try {
                    forSeconds = LevelArgs.duration(duration());
                } catch (IllegalArgumentException e) {
                    throw bad("--for: " + e.getMessage());
                }
            }
        }

        @Override
        void on(LevelSession s, boolean several) throws LevelSession.Failure, InterruptedException {
            boolean reports = s.welcome().has("get_levels");
            boolean known = true;
            JsonNode all = null;
            if (reports && !name.isEmpty()) {
                JsonNode before = s.levels(name);
                known = before.path("levels").has(name);
                if (!known) {
                    all = s.levels(null).path("levels");
                }
            }
            JsonNode timed = s.setLevel(name, level, forSeconds);
            String who = LevelArgs.describe(name);
            if (!reports) {
                print(s.source() + ": " + who + " set to " + io.poxlog.viewer.model.Levels.describe(level)
                        + " (sent; a POX controller does not confirm)");
                return;
            }
            JsonNode now = s.levels(name).path("levels").path(name);
            JsonNode configured = now.get("configured");
            JsonNode until = now.get("until");
            print(s.source() + ": " + who + " " + (configured == null || configured.isNull() ? "inherits" : configured.asText())
                    + ", effective " + now.path("effective").asText("?")
                    + (until != null && until.isNumber() ? ", for " + ShowLevels.timing(until.asDouble(),
                            System.currentTimeMillis() / 1000.0, now.path("revert_to").isTextual()
                                    ? now.path("revert_to").asText() : null) : ""));
            if (timed != null && timed.path("capped").asBoolean(false)) {
                say(s.source() + " capped the change at " + timed.path("max_level_for").asLong() + " s, the most it allows"
                        + " (messenger.log_service --max_level_for)");
            }
            if (!known) {
                say(s.source() + " had never reported a logger '" + who + "': it has one now (" + suggestion(all)
                        + "'pox-log levels' lists them)");
            }
        }

        /** The known logger nearest a misspelt name, as "did you mean 'X'? " (or nothing). */
        private String suggestion(JsonNode all) {
            String best = null;
            int bestDistance = 3;
            for (Iterator<String> it = all.fieldNames(); it.hasNext(); ) {
                String n = it.next();
                int d = distance(n, name, bestDistance);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = n;
                }
            }
            return best == null ? "" : "did you mean '" + LevelArgs.describe(best) + "'? ";
        }

        /** Edit distance, or {@code limit} as soon as it cannot be less. */
        static int distance(String a, String b, int limit) {
            if (Math.abs(a.length() - b.length()) >= limit) {
                return limit;
            }
            int[] prev = new int[b.length() + 1];
            int[] cur = new int[b.length() + 1];
            for (int j = 0; j <= b.length(); j++) {
                prev[j] = j;
            }
            for (int i = 1; i <= a.length(); i++) {
                cur[0] = i;
                int rowMin = cur[0];
                for (int j = 1; j <= b.length(); j++) {
                    int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                    cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                    rowMin = Math.min(rowMin, cur[j]);
                }
                if (rowMin >= limit) {
                    return limit;
                }
                int[] t = prev;
                prev = cur;
                cur = t;
            }
            return Math.min(prev[b.length()], limit);
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set a logger's level on the controllers (root is the root logger; default inherits again).")
    static final class SetLevel extends Change {
        @Parameters(index = "0", paramLabel = "LOGGER", description = "The logger (root for the root logger).")
        String logger;

        @Parameters(index = "1", paramLabel = "LEVEL",
                description = "TRACE, DEBUG, INFO, WARNING, ERROR, CRITICAL, a number 0-50, or default.")
        String levelGiven;

        @Option(names = "--for", paramLabel = "DURATION",
                description = "Only for this long (90s, 5m, 1h, 1h30m; at most 7d): then the controller puts back what the logger had.")
        String duration;

        @Override
        String duration() {
            return duration;
        }

        @Override
        String logger() {
            return logger;
        }

        @Override
        String level() {
            return levelGiven;
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Make a logger inherit its parent's level again (as set LOGGER default).")
    static final class ResetLevel extends Change {
        @Parameters(index = "0", paramLabel = "LOGGER", description = "The logger.")
        String logger;

        @Override
        String logger() {
            return logger;
        }

        @Override
        String level() {
            return "default";
        }
    }
}

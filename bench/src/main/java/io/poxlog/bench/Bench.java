package io.poxlog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench}: measures the log path end to end on this machine and prints the figures of
 * the benchmark issues as a table, or as one JSON object with {@code --json}; with
 * {@code --repeat N}, runs the suite N times (in this JVM, one run after another) and prints each
 * figure's median, min and max over the runs, and how many runs met each target.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "poxlog bench",
        description = "Benchmarks of the log path: log call cost, end-to-end throughput over TCP and WebSocket "
                + "interleaved with the raw transport ceiling, fan-out, latency, viewer ingest and idle memory; "
                + "with --only browser, the browser viewer's page in headless Chromium.")
public final class Bench implements Callable<Integer> {
    /**
     * The scenarios, in the order they run: heap first, before the others leave anything behind.
     * {@code e2e} is the raw ceiling, TCP, WebSocket and comet end to end, interleaved. {@code browser}
     * runs only when named ({@code --only browser}): it needs Chromium and starts controllers in
     * processes of their own.
     */
    enum Scenario { heap, log_call, e2e, fanout, latency, viewer, browser }

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quick", description = "Shorter runs: the whole suite within about a minute.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO",
            description = "Run only these: ${COMPLETION-CANDIDATES}.")
    List<Scenario> only = new ArrayList<>();

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "Run the suite N times; print each figure's median, min and max and how many runs met its target.")
    int repeat;

    private final PrintStream out;

    Bench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repeat must be at least 1, not " + repeat);
        }
        if (repeat == 1) {
            Map<String, Object> figures = run();
            out.print(json ? mapper().writeValueAsString(figures) + "\n" : Report.table(figures));
            return 0;
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (int i = 0; i < repeat; i++) {
            Map<String, Object> figures = run();
            runs.add(figures);
            if (!json) {
                out.printf("run %d of %d%n", i + 1, repeat);
                out.print(Report.table(figures));
                out.println();
            }
        }
        Map<String, Object> summary = Report.summary(runs);
        if (json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("runs", runs);
            all.put("summary", summary);
            out.println(mapper().writeValueAsString(all));
        } else {
            out.printf("over %d runs%n", repeat);
            out.print(Report.summaryTable(summary));
        }
        return 0;
    }

    /** Jackson, writing a {@link Spread} as {@code {"median", "min", "max", "rounds"}}. */
    private static ObjectMapper mapper() {
        SimpleModule spreads = new SimpleModule().addSerializer(new StdSerializer<>(Spread.class) {
            @Override
            public void serialize(Spread s, com.fasterxml.jackson.core.JsonGenerator g,
                                  com.fasterxml.jackson.databind.SerializerProvider p) throws IOException {
                g.writeObject(s.asMap("rounds"));
            }
        });
        return new ObjectMapper().registerModule(spreads).enable(SerializationFeature.INDENT_OUTPUT);
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("machine", Report.machine());
        f.put("quick", quick);
        // Other work on the machine moves every figure: say how busy it was over the run.
        HostLoad load = HostLoad.begin();
        for (Scenario s : Scenario.values()) {
            if (only.isEmpty() ? s == Scenario.browser : !only.contains(s)) {
                continue;
            }
            switch (s) {
                case heap -> f.putAll(new IdleHeapScenario().run());
                case log_call -> f.putAll(new LogCallScenario(quick).run());
                case e2e -> f.putAll(new TransportRounds(quick).run());
                case fanout -> f.putAll(new ThroughputScenarios(quick).fanout());
                case latency -> f.putAll(new ThroughputScenarios(quick).latency());
                case viewer -> f.putAll(new ViewerIngestScenario(quick).run());
                case browser -> f.putAll(new BrowserBench(quick).run());
            }
        }
        f.putAll(load.end());
        return f;
    }
}

package io.poxlog.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
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
 * the benchmark issue as a table, or as one JSON object with {@code --json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "poxlog bench",
        description = "Benchmarks of the log path: log call cost, end-to-end throughput, fan-out, latency, "
                + "the raw transport ceiling, viewer ingest and idle memory.")
public final class Bench implements Callable<Integer> {
    /** The scenarios, in the order they run: heap first, before the others leave anything behind. */
    enum Scenario { heap, log_call, e2e, fanout, latency, raw, viewer }

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Option(names = "--quick", description = "Shorter runs: the whole suite within about a minute.")
    boolean quick;

    @Option(names = "--only", split = ",", paramLabel = "SCENARIO",
            description = "Run only these: ${COMPLETION-CANDIDATES}.")
    List<Scenario> only = new ArrayList<>();

    private final PrintStream out;

    Bench(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> figures = run();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(figures));
        } else {
            out.print(Report.table(figures));
        }
        return 0;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("machine", Report.machine());
        f.put("quick", quick);
        // Other work on the machine moves every figure: say how busy it was, before and after.
        f.put("load_average_start", Report.loadAverage());
        for (Scenario s : Scenario.values()) {
            if (!only.isEmpty() && !only.contains(s)) {
                continue;
            }
            switch (s) {
                case log_call -> f.putAll(new LogCallScenario(quick).run());
                case e2e -> f.putAll(new ThroughputScenarios(quick).e2eOneSubscriber());
                case fanout -> f.putAll(new ThroughputScenarios(quick).fanout());
                case latency -> f.putAll(new ThroughputScenarios(quick).latency());
                case raw -> f.putAll(new RawLoopbackScenario(quick).run());
                case viewer -> f.putAll(new ViewerIngestScenario(quick).run());
                case heap -> f.putAll(new IdleHeapScenario().run());
            }
        }
        f.put("load_average_end", Report.loadAverage());
        if (f.get("e2e_1sub_records_per_s") instanceof Number e && f.get("raw_loopback_records_per_s") instanceof Number r) {
            f.put("efficiency", Math.round(e.doubleValue() / r.doubleValue() * 100) / 100.0);
        }
        // The same ratio in CPU time per record: what efficiency is when both runs are bound by
        // this process's CPU, which other work on the machine disturbs far less than it does rates.
        if (f.get("e2e_1sub_cpu_ns_per_record") instanceof Number e && f.get("raw_loopback_cpu_ns_per_record") instanceof Number r) {
            f.put("efficiency_cpu", Math.round(r.doubleValue() / e.doubleValue() * 100) / 100.0);
        }
        return f;
    }
}

package io.poxlog.bench;

import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The soak test, minutes long: {@code java -cp bench/target/poxlog-bench-*-all.jar
 * io.poxlog.bench.Soak --clients 300 --seconds 300}. Exit code 0 when it passed, 1 when not.
 * CI runs a short one ({@code SoakTest}).
 */
@Command(name = "soak", mixinStandardHelpOptions = true, version = "poxlog soak",
        description = "Hundreds of clients joining, leaving, resuming and sending good and bad input while the "
                + "controller logs, beside hostile clients mixing the attacks of issue 10; then checks nothing was "
                + "lost silently, every attack was refused naming its limit, and nothing leaked.")
public final class Soak implements Callable<Integer> {
    @Option(names = "--clients", defaultValue = "300", description = "Simulated clients at once (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--seconds", defaultValue = "300", description = "How long (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(names = "--hostile", defaultValue = "8",
            description = "Hostile clients at once, beside the others (default: ${DEFAULT-VALUE}).")
    int hostile;

    @Option(names = "--rate", defaultValue = "1000", description = "Records logged per second (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--retain", defaultValue = "10000",
            description = "Records the controller retains for resumes (default: ${DEFAULT-VALUE}).")
    int retain;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Soak()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        SoakReport r = new SoakRun(new SoakRun.Config(clients, Duration.ofSeconds(seconds), rate, retain, hostile)).run();
        System.out.print(r.text());
        return r.passed() ? 0 : 1;
    }
}

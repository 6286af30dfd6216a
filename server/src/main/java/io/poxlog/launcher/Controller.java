package io.poxlog.launcher;

import ch.qos.logback.classic.LoggerContext;
import io.poxlog.messenger.core.Version;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import io.poxlog.web.WebSettings;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/controller}: loads the components named on the command line, POX style, runs until
 * Ctrl-C or SIGTERM, then stops them, last first, within a bounded time.
 *
 * <p>Exit codes: 0 after a clean stop, 1 when a component fails to start, 2 for a bad command line.
 */
public final class Controller {
    static final String CONFIG_PROPERTY = "logback.configurationFile";
    static final String CONSOLE_CONFIG = "io/poxlog/launcher/controller-logback.xml";

    private Controller() {
    }

    public static void main(String[] args) {
        if (System.getProperty(CONFIG_PROPERTY) == null) {
            // Before the first logger exists: console output like POX's LEVEL:logger:message.
            System.setProperty(CONFIG_PROPERTY, CONSOLE_CONFIG);
        }
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (!args.isEmpty() && (args.get(0).equals("--help") || args.get(0).equals("-h"))) {
            out.print(help());
            return 0;
        }
        if (!args.isEmpty() && args.get(0).equals("--version")) {
            out.println("poxlog controller " + Version.VERSION);
            return 0;
        }
        ControllerRuntime runtime;
        try {
            runtime = start(args);
        } catch (UsageException e) {
            err.println("controller: " + e.getMessage());
            err.println("Try 'bin/controller --help'.");
            return 2;
        } catch (Exception e) {
            Logger log = LoggerFactory.getLogger("core");
            log.error("Cannot start: {}", e.getMessage());
            if (args.isEmpty()) {
                log.error("With no components bin/controller runs {} (web.webcore on port {}, messenger.tcp_transport "
                        + "on {}); to listen elsewhere, name them with other ports: bin/controller {}",
                        String.join(" ", Components.defaults()), WebSettings.DEFAULT_PORT, TcpTransport.DEFAULT_PORT,
                        String.join(" ", Components.defaults()).replace("web.webcore", "web.webcore --port=8001")
                                .replace("messenger.tcp_transport", "messenger.tcp_transport --tcp_port=7791"));
            }
            return 1;
        }
        CountDownLatch down = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Logger log = LoggerFactory.getLogger("core");
            log.info("Going down...");
            runtime.stop();
            log.info("Down.");
            down.countDown();
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
                ctx.stop();
            }
        }, "controller-shutdown"));
        try {
            down.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Validates the whole command line, then starts each component in order. On a start failure
     * whatever started is stopped again before the exception propagates.
     */
    public static ControllerRuntime start(List<String> args) throws Exception {
        List<ComponentRequest> requests = ComponentRequest.parse(args.isEmpty() ? Components.defaults() : args);
        ControllerRuntime runtime = new ControllerRuntime();
        start(requests, runtime);
        return runtime;
    }

    /**
     * Checks every request (known component, known options, valid values) without side effects:
     * a bad request starts nothing.
     */
    public static void validate(List<ComponentRequest> requests) throws UsageException {
        plan(requests);
    }

    /**
     * Starts {@code requests}, validated first, in order, in {@code runtime}: bin/controller's
     * path, and an embedding application's. On a start failure whatever started is stopped again
     * before the exception propagates.
     */
    public static void start(List<ComponentRequest> requests, ControllerRuntime runtime) throws Exception {
        List<Component> plan = plan(requests);
        runtime.requested(requests.stream().map(ComponentRequest::name).toList());
        Logger log = LoggerFactory.getLogger("core");
        log.info("poxlog {} going up...", Version.VERSION);
        try {
            for (int i = 0; i < plan.size(); i++) {
                plan.get(i).prepare(runtime, requests.get(i));
            }
            for (int i = 0; i < plan.size(); i++) {
                plan.get(i).start(runtime, requests.get(i));
                runtime.loaded(requests.get(i).name());
            }
        } catch (Exception | LinkageError e) {
            runtime.stop();
            throw e;
        }
        log.info("poxlog {} is up.", Version.VERSION);
    }

    private static List<Component> plan(List<ComponentRequest> requests) throws UsageException {
        Components known = new Components();
        List<Component> plan = new ArrayList<>();
        for (ComponentRequest r : requests) {
            Component c = known.get(r.name());
            if (c == null) {
                throw new UsageException("unknown component '" + r.name() + "'; known: " + names(known));
            }
            if (c.options() != null) {
                for (String key : r.options().keySet()) {
                    if (!c.options().contains(key)) {
                        throw new UsageException(r.name() + ": unknown option --" + key
                                + (c.options().isEmpty() ? " (it takes none)" : "; it takes --" + String.join(", --", c.options())));
                    }
                }
            }
            c.validate(r);
            plan.add(c);
        }
        return plan;
    }

    private static String names(Components known) {
        List<String> names = new ArrayList<>();
        known.all().forEach(c -> names.add(c.name()));
        return String.join(", ", names);
    }

    static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: bin/controller [component [--option[=value]]...]...\n\n");
        sb.append("Loads the named components, POX style; each component's options follow its name.\n");
        sb.append("With no component: ").append(String.join(" ", Components.defaults())).append("\n\n");
        sb.append("Components:\n");
        for (Component c : new Components().all()) {
            sb.append(String.format("  %-32s %s%n", c.name(), c.description()));
        }
        sb.append("\nExamples:\n");
        sb.append("  bin/controller log.level --DEBUG messenger messenger.tcp_transport messenger.example\n");
        sb.append("  bin/controller messenger.tcp_transport --tcp_port=7791 messenger.example\n");
        return sb.toString();
    }
}

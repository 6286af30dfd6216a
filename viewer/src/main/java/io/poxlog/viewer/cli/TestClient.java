package io.poxlog.viewer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.client.ClientOptions;
import io.poxlog.viewer.client.ClientTls;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.Message;
import io.poxlog.viewer.client.MessengerClient;
import io.poxlog.viewer.client.PythonJson;
import io.poxlog.viewer.client.SendResult;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.Welcome;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/test-client [address] [port]}: POX's messenger test client, plus TLS and tokens
 * (README.md, "Running it safely"), on the viewer's {@link MessengerClient}. Sends each JSON
 * object typed on standard input (one per line) exactly as POX's does, with no newline after it,
 * and prints every object received as {@code Recv: <json>}. Lines typed before the connection is
 * made (and the token accepted) wait for it.
 *
 * <p>Threads: main reads standard input and hands lines to the client; the client's thread reads
 * the socket and prints. Printing is synchronized on the output stream.
 */
@Command(name = "test-client", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send JSON objects typed one per line to a messenger and print every object received.",
        footer = {"", "Exit codes: 0 at the end of input, 1 when the connection cannot be made (or",
                "  fails before it is ready), 2 for a bad argument, 3 when the messenger refuses",
                "  the token."})
public final class TestClient implements Callable<Integer> {
    static final int EXIT_CANNOT_CONNECT = 1;
    static final int EXIT_REFUSED = 3;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(index = "0", arity = "0..1", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address of the messenger (default: ${DEFAULT-VALUE}).")
    String address;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PORT", defaultValue = "7790",
            description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--indent", paramLabel = "N", description = "Print received objects indented by N spaces, like POX's (json.dumps(indent=N)).")
    Integer indent;

    @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "0.5",
            description = "At the end of input, wait this long for replies before closing (default: ${DEFAULT-VALUE}).")
    double waitSeconds;

    @CommandLine.Mixin
    SecurityOptions security = new SecurityOptions();

    /** The command line that runs this, so that errors go to its streams, not System.err. */
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final InputStream stdin;
    private final PrintStream out;
    private final Map<String, String> env;
    /** Set when we close the connection ourselves: then its end is no news. */
    private volatile boolean ending;
    private volatile boolean welcomed;
    /** Completes when the connection is ready, or with null when it ends before. */
    private final CompletableFuture<Welcome> ready = new CompletableFuture<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    TestClient(InputStream stdin, PrintStream out, Map<String, String> env) {
        this.stdin = stdin;
        this.out = out;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err, System.getenv()));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, in, out, err, Map.of());
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new TestClient(in, out, env));
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setParameterExceptionHandler(new OneLineErrors());
        return cl.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (port < 1 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "port must be 1-65535, not " + port);
        }
        ClientOptions options;
        try {
            ClientTls tls = security.clientTls();
            options = ClientOptions.defaults().once().proceedingWithoutToken().withThreadName("test-client")
                    .withTls(tls).withToken(security.token(env));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.println("Connecting to " + address + ":" + port + (options.tls() == null ? "" : " (" + options.tls() + ")"));
        try (MessengerClient client = new MessengerClient(address, port, options, new Printer()).start()) {
            Welcome w = ready.get(); // the client's own timeouts bound this
            if (w == null) {
                SourceStatus s = client.status();
                if (s.state() == ConnectionState.REFUSED) {
                    print("Refused: " + s.detail());
                    return EXIT_REFUSED;
                }
                print((welcomed ? "Connection error: " : "Cannot connect to " + address + ":" + port + ": ") + s.detail());
                return EXIT_CANNOT_CONNECT;
            }
            typeLines(client);
            awaitRepliesToWhatWasSent(client, w);
            ended.await((long) (waitSeconds * 1000), TimeUnit.MILLISECONDS);
            ending = true;
            return 0;
        }
    }

    /** Sends each line typed, until the input or the connection ends. */
    private void typeLines(MessengerClient client) throws Exception {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        String line;
        while (ended.getCount() > 0 && (line = lines.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode msg;
            try {
                msg = MAPPER.readTree(line);
            } catch (JsonProcessingException e) {
                print("Not sent: not JSON (" + e.getOriginalMessage() + ")");
                continue;
            }
            if (msg == null || !msg.isObject()) {
                print("Not sent: a message must be a JSON object, like {\"CHANNEL\": \"upper\", \"msg\": \"hello\"}");
                continue;
            }
            // A pipe can type faster than a messenger reads: wait for room rather than drop lines.
            SendResult r;
            do {
                r = client.send((ObjectNode) msg, Duration.ofMillis(200));
            } while (!r.queued() && client.status().state() == ConnectionState.CONNECTED);
            if (!r.queued()) {
                return; // the connection ended; the client said so
            }
        }
    }

    /**
     * At the end of input, when the server is one of ours (its welcome lists features), a
     * {@code test} round trip: the server answers a connection's messages in order, so once it
     * is back every reply to what was typed has been printed, however slow the machine.
     * A POX server logs each {@code test} at INFO, so it is spared this. Its answer is not shown.
     */
    private void awaitRepliesToWhatWasSent(MessengerClient client, Welcome w) throws InterruptedException {
        if (w.isPox() || ended.getCount() == 0) {
            return;
        }
        try {
            client.request(MAPPER.createObjectNode().put("CHANNEL", "").put("test", "test-client-end")).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // closed meanwhile, or no answer: nothing more to wait for
        }
    }

    /** Prints what the client reports; on its thread. */
    private final class Printer implements MessengerClient.Listener {
        @Override
        public void onReady(Welcome welcome) {
            ready.complete(welcome);
        }

        @Override
        public void onMessage(Message m) {
            if ("welcome".equals(m.cmd())) {
                welcomed = true;
            }
            String text;
            try {
                text = indent == null ? PythonJson.dumps(m.tree()) : PythonJson.dumps(m.tree(), indent);
            } catch (Message.MalformedMessageException e) {
                text = m.text() + "   (" + e.getMessage().lines().findFirst().orElse("not JSON") + ")";
            }
            print("Recv: " + text);
        }

        @Override
        public void onError(String error) {
            print("Error: " + error);
        }

        @Override
        public void onState(SourceStatus s) {
            if (!s.state().isFinal()) {
                return;
            }
            boolean wasReady = ready.isDone() && ready.getNow(null) != null;
            ready.complete(null);
            if (wasReady && ended.getCount() > 0 && !ending) {
                if (!s.detail().isEmpty() && !s.detail().equals("connection closed by the controller")) {
                    print("Connection error: " + s.detail());
                }
                print("Disconnected.");
            }
            ended.countDown();
        }
    }

    private void print(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }
}

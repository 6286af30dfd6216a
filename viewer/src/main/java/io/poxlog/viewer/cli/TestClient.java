package io.poxlog.viewer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.poxlog.viewer.client.ClientTls;
import io.poxlog.viewer.client.ClientToken;
import io.poxlog.viewer.client.JsonStreamReader;
import io.poxlog.viewer.client.PythonJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/test-client [address] [port]}: POX's messenger test client, plus TLS and tokens
 * (README.md, "Running it safely"). Sends each JSON object
 * typed on standard input (one per line) exactly as POX's does, with no newline after it, and
 * prints every object received as {@code Recv: <json>}.
 *
 * <p>Threads: main reads standard input and writes the socket; "test-client-reader" reads the
 * socket and prints. Printing is synchronized on the output stream.
 */
@Command(name = "test-client", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Send JSON objects typed one per line to a messenger and print every object received.")
public final class TestClient implements Callable<Integer> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Parameters(index = "0", defaultValue = "127.0.0.1", description = "Address of the messenger (default: ${DEFAULT-VALUE}).")
    String address;

    @Parameters(index = "1", defaultValue = "7790", description = "TCP port (default: ${DEFAULT-VALUE}).")
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
    /** Set when we close the connection ourselves: then its end is no news. */
    private volatile boolean ending;
    /** The answer to the end-of-input round trip, once it is sent. */
    private volatile String marker;
    private final CountDownLatch drained = new CountDownLatch(1);
    private final Map<String, String> env;

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
        ClientTls clientTls;
        String token;
        try {
            clientTls = security.clientTls();
            token = security.token(env);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        out.println("Connecting to " + address + ":" + port + (clientTls == null ? "" : " (" + clientTls + ")"));
        try (Socket raw = new Socket()) {
            Socket socket;
            try {
                raw.connect(new InetSocketAddress(address, port), 10_000);
                raw.setTcpNoDelay(true);
                socket = clientTls == null ? raw : clientTls.wrap(raw, address, port);
            } catch (IOException e) {
                out.println("Cannot connect to " + address + ":" + port + ": " + e.getMessage());
                return 1;
            }
            CountDownLatch closed = new CountDownLatch(1);
            CompletableFuture<JsonNode> welcome = new CompletableFuture<>();
            Thread reader = new Thread(() -> readLoop(socket, closed, welcome), "test-client-reader");
            reader.setDaemon(true);
            reader.start();
            OutputStream sock = socket.getOutputStream();
            if (token != null && !authenticate(sock, welcome, token)) {
                return 1;
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
            String line;
            while (closed.getCount() > 0 && (line = lines.readLine()) != null) {
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
                try {
                    sock.write(MAPPER.writeValueAsBytes(msg));
                    sock.flush();
                } catch (IOException e) {
                    break;
                }
            }
            awaitRepliesToWhatWasSent(sock, welcome, closed);
            closed.await((long) (waitSeconds * 1000), TimeUnit.MILLISECONDS);
            ending = true;
            return 0;
        }
    }

    /**
     * Waits for the welcome, then, if the server asks for it, sends the token before any typed
     * line can go out ahead of it. The server's answer is printed like any message.
     */
    private boolean authenticate(OutputStream sock, CompletableFuture<JsonNode> welcome, String token) throws Exception {
        JsonNode w;
        try {
            w = welcome.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            print("No welcome from " + address + ":" + port + " within 10 s; not sending the token");
            return false;
        }
        if (w != null && w.path("auth_required").asBoolean(false)) {
            sock.write(MAPPER.writeValueAsBytes(ClientToken.request(token)));
            sock.flush();
        }
        return true;
    }

    private void readLoop(Socket socket, CountDownLatch closed, CompletableFuture<JsonNode> welcome) {
        try (JsonStreamReader in = new JsonStreamReader(socket.getInputStream())) {
            JsonNode msg;
            while ((msg = in.next()) != null) {
                if (!welcome.isDone() && "welcome".equals(msg.path("cmd").asText())) {
                    welcome.complete(msg);
                }
                String mark = marker;
                if (mark != null && mark.equals(msg.path("test").asText())) {
                    drained.countDown(); // our own round trip, not the user's
                    continue;
                }
                print("Recv: " + (indent == null ? PythonJson.dumps(msg) : PythonJson.dumps(msg, indent)));
            }
        } catch (IOException e) {
            if (!ending) {
                print("Connection error: " + e.getMessage());
            }
        }
        // Not socket.isClosed(): closing the reader above closes the socket too.
        if (!ending) {
            print("Disconnected.");
        }
        welcome.complete(null);
        closed.countDown();
    }

    /**
     * At the end of input, when the server is one of ours (its welcome lists features), a
     * {@code test} round trip: the server answers a connection's messages in order, so once it
     * is back every reply to what was typed has been printed, however slow the machine.
     * A POX server logs each {@code test} at INFO, so it is spared this.
     */
    private void awaitRepliesToWhatWasSent(OutputStream sock, CompletableFuture<JsonNode> welcome,
                                           CountDownLatch closed) throws InterruptedException {
        JsonNode w;
        try {
            w = welcome.get(10, TimeUnit.SECONDS); // null when the connection closed first
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            return;
        }
        if (w == null || !w.has("features") || closed.getCount() == 0) {
            return;
        }
        String mark = "test-client-" + System.nanoTime();
        marker = mark.toUpperCase(java.util.Locale.ROOT);
        try {
            sock.write(MAPPER.writeValueAsBytes(MAPPER.createObjectNode().put("CHANNEL", "").put("test", mark)));
            sock.flush();
        } catch (IOException e) {
            return;
        }
        drained.await(10, TimeUnit.SECONDS);
    }

    private void print(String s) {
        synchronized (out) {
            out.println(s);
            out.flush();
        }
    }
}

package io.poxlog.viewer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.client.ClientOptions;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.Endpoint;
import io.poxlog.viewer.client.Message;
import io.poxlog.viewer.client.MessengerClient;
import io.poxlog.viewer.client.ServerErrorException;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.Welcome;
import io.poxlog.viewer.model.Levels;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One connection to one controller for the level commands ({@code pox-log levels}, {@code set},
 * {@code reset}): connects once, asks or changes, and says how it went as an exit code with a
 * reason ({@link Failure}). Used from one thread (the command's); the client's own thread
 * completes the futures it waits on.
 */
final class LevelSession implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What went wrong, in words, with the exit code it means. */
    static final class Failure extends Exception {
        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }

    private final MessengerClient client;
    private final CompletableFuture<Welcome> ready = new CompletableFuture<>();
    private final ClientOptions options;

    private LevelSession(Endpoint e, ClientOptions options) {
        this.options = options;
        this.client = new MessengerClient(e, options, new MessengerClient.Listener() {
            @Override
            public void onReady(Welcome w) {
                ready.complete(w);
            }

            @Override
            public void onState(SourceStatus s) {
                if (s.state() == ConnectionState.REFUSED) {
                    ready.completeExceptionally(new Failure(PoxLog.EXIT_REFUSED, s.source() + " refused this viewer: " + s.detail()));
                } else if (s.state() == ConnectionState.CLOSED || s.state() == ConnectionState.RECONNECTING) {
                    ready.completeExceptionally(new Failure(PoxLog.EXIT_UNREACHABLE, "cannot connect to " + s.source()
                            + (s.detail().isEmpty() ? "" : ": " + s.detail())));
                }
            }

            @Override
            public void onMessage(Message m) {
                // nothing else is expected: errors that answer a request complete its future
            }
        });
    }

    /** Connects and waits for the handshake. @throws Failure when it cannot connect or is refused */
    static LevelSession open(Endpoint e, ClientOptions options) throws Failure, InterruptedException {
        LevelSession s = new LevelSession(e, options);
        s.client.start();
        try {
            Welcome w = s.await(s.ready);
            if (!w.servesLog()) {
                throw new Failure(PoxLog.EXIT_CANNOT, e + " has no log service (start the controller with messenger.log_service)");
            }
            return s;
        } catch (Failure | InterruptedException | RuntimeException f) {
            s.close();
            throw f;
        }
    }

    String source() {
        return client.source();
    }

    Welcome welcome() {
        return ready.getNow(null);
    }

    /**
     * The controller's loggers ({@code get_levels}): only {@code prefix} and those below it when
     * not null. @throws Failure when it cannot report them (POX) or answers an error
     */
    JsonNode levels(String prefix) throws Failure, InterruptedException {
        Welcome w = welcome();
        if (!w.has("get_levels")) {
            throw new Failure(PoxLog.EXIT_CANNOT, source() + (w.isPox() ? " is a POX controller, which" : "")
                    + " does not report its levels (no get_levels)");
        }
        ObjectNode req = MAPPER.createObjectNode().put("CHANNEL", "log").put("cmd", "get_levels");
        if (prefix != null) {
            req.put("prefix", prefix);
        }
        return await(client.request(req));
    }

    /**
     * Sets one logger's level ({@code setLevels} on {@code log}) and waits until the controller has
     * acted on it: a {@code test} round trip after it comes back once it has, and an error reply
     * (a read-only token, a level it does not take) comes before. POX answers neither: there the
     * change is sent, and that is all. @throws Failure naming the controller's error
     */
    void setLevel(String logger, String level) throws Failure, InterruptedException {
        setLevel(logger, level, 0);
    }

    /**
     * As {@link #setLevel(String, String)}, for {@code forSeconds} when above 0 (PROTOCOL.md
     * §5.4): the controller answers a timed change ({@code levels_timed}), and that answer is
     * returned (null for an untimed change). A controller whose welcome lists no
     * {@code level_for} (POX, an older one) would take the level and ignore the time, so it is
     * not sent. @throws Failure naming the controller's error, or that it cannot time a change
     */
    JsonNode setLevel(String logger, String level, long forSeconds) throws Failure, InterruptedException {
        ObjectNode msg = MAPPER.createObjectNode().put("CHANNEL", "log");
        msg.putObject("setLevels").set(logger, Levels.wire(level));
        if (forSeconds > 0) {
            if (!welcome().has("level_for")) {
                throw new Failure(PoxLog.EXIT_CANNOT, source() + " does not take timed level changes (its welcome "
                        + "lists no level_for); nothing was changed");
            }
            msg.put("for", forSeconds);
            return await(client.request(msg));
        }
        if (welcome().isPox()) {
            client.send(msg);
            client.flush(options.timeout());
            return null;
        }
        CompletableFuture<ObjectNode> error = client.request(msg);
        await(client.request(MAPPER.createObjectNode().put("CHANNEL", "").put("test", "pox-log")));
        if (error.isCompletedExceptionally()) {
            await(error); // throws its failure
        }
        error.cancel(false);
        return null;
    }

    private <T> T await(CompletableFuture<T> f) throws Failure, InterruptedException {
        try {
            // The client's own timeouts end every wait here; this bound only guards against a bug.
            return f.get(options.timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof Failure failure) {
                throw failure;
            }
            if (c instanceof ServerErrorException) {
                throw new Failure(PoxLog.EXIT_CANNOT, source() + " answered: " + c.getMessage());
            }
            throw new Failure(PoxLog.EXIT_UNREACHABLE, source() + ": " + c.getMessage());
        } catch (TimeoutException e) {
            throw new Failure(PoxLog.EXIT_UNREACHABLE, source() + " did not answer within "
                    + options.timeout().multipliedBy(3).toSeconds() + " s");
        }
    }

    @Override
    public void close() {
        client.close();
    }
}

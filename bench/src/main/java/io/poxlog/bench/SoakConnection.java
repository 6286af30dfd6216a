package io.poxlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.client.ClientOptions;
import io.poxlog.viewer.client.ConnectionState;
import io.poxlog.viewer.client.Message;
import io.poxlog.viewer.client.MessengerClient;
import io.poxlog.viewer.client.SendResult;
import io.poxlog.viewer.client.SourceStatus;
import io.poxlog.viewer.client.Welcome;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One soak client's connection, on the viewer's {@link MessengerClient} (one connection, no
 * reconnect): its thread hands every record of the client's log channels to a consumer at once
 * (so a subscriber keeps up however busy its client is) and queues every other message for the
 * session to wait on. With a token the client authenticates during the handshake; without one
 * the session is on its own (it may authenticate, or misbehave, itself). Bad bytes go out
 * through {@link #sendRaw}, on the same connection. A hostile session may {@link #stallReading}
 * stop reading: the client's thread then waits at the next message it receives, the socket
 * fills, and the server must hold what it sends to this connection to its limits.
 */
final class SoakConnection implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode CLOSED = MAPPER.createObjectNode();

    private final MessengerClient client;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final CompletableFuture<Welcome> ready = new CompletableFuture<>();
    private volatile Predicate<String> logChannels = ch -> false;
    private volatile Consumer<Message> records = r -> { };
    private final Object gate = new Object();
    private volatile boolean stalled;

    /** Connects; {@code token} null leaves authentication to the session. */
    SoakConnection(InetSocketAddress address, String token) {
        ClientOptions options = ClientOptions.defaults().once().proceedingWithoutToken().withToken(token)
                .withTimeout(Duration.ofMillis(SoakClient.REPLY_MS)).withThreadName("soak").resettingOnClose();
        client = new MessengerClient(address.getHostString(), address.getPort(), options, new MessengerClient.Listener() {
            @Override
            public void onReady(Welcome w) {
                ready.complete(w);
            }

            @Override
            public void onMessage(Message m) {
                awaitReading();
                if (logChannels.test(m.channel())) {
                    records.accept(m);
                } else {
                    replies.add(m.tree());
                }
            }

            @Override
            public void onState(SourceStatus s) {
                if (s.state().isFinal()) {
                    ready.complete(null);
                    replies.add(CLOSED);
                }
            }
        }).start();
    }

    /** From now on, messages on {@code channel} go to {@code consumer} instead of the reply queue. */
    void onRecords(String channel, Consumer<JsonNode> consumer) {
        onMessages(channel::equals, m -> consumer.accept(m.tree()));
    }

    /** From now on, messages on the channels {@code channels} accepts go to {@code consumer}, as received. */
    void onMessages(Predicate<String> channels, Consumer<Message> consumer) {
        records = consumer;
        logChannels = channels;
    }

    /** From the next message on, the client's thread stops reading until {@link #resumeReading}. */
    void stallReading() {
        synchronized (gate) {
            stalled = true;
        }
    }

    void resumeReading() {
        synchronized (gate) {
            stalled = false;
            gate.notifyAll();
        }
    }

    /** The client's thread: waits while reading is stalled (not reading is the point). */
    private void awaitReading() {
        if (!stalled) {
            return;
        }
        synchronized (gate) {
            while (stalled) {
                try {
                    gate.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Whether the handshake is done (welcomed and, given a token, authenticated) within a reply's time. */
    boolean awaitReady() throws InterruptedException {
        try {
            return ready.get(SoakClient.REPLY_MS, TimeUnit.MILLISECONDS) != null;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    /** Why the handshake did not finish: the client's last word (a refusal names the server's error). */
    String failure() {
        SourceStatus s = client.status();
        return (s.state() == ConnectionState.REFUSED ? "refused: " : "no welcome: ") + s.detail();
    }

    void send(ObjectNode m) throws IOException {
        check(client.send(m));
    }

    void sendRaw(String s) throws IOException {
        check(client.sendRaw(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static void check(SendResult r) throws IOException {
        if (!r.queued()) {
            throw new IOException("not sent: " + r.reason());
        }
    }

    /** Waits until what was sent has been written: before closing on purpose mid-message. */
    void flush() throws InterruptedException {
        client.flush(Duration.ofMillis(SoakClient.REPLY_MS));
    }

    /** The next queued message that matches, or null if the connection closed or time ran out. */
    JsonNode await(Predicate<JsonNode> wanted, long timeoutMs) throws InterruptedException {
        JsonNode m = poll(wanted, timeoutMs);
        return m == CLOSED ? null : m;
    }

    /** Whether the server closed the connection within the timeout. */
    boolean awaitClosed(long timeoutMs) throws InterruptedException {
        return poll(m -> false, timeoutMs) == CLOSED;
    }

    /** The next message that matches, {@link #CLOSED} when the connection closed, null at the deadline. */
    private JsonNode poll(Predicate<JsonNode> wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (true) {
            long left = deadline - System.nanoTime();
            JsonNode m = left <= 0 ? null : replies.poll(left, TimeUnit.NANOSECONDS);
            if (m == CLOSED) {
                replies.add(CLOSED); // it stays closed for whoever asks next
            }
            if (m == null || m == CLOSED || wanted.test(m)) {
                return m;
            }
        }
    }

    /** Closes and waits for the client's threads: no reader may outlive the client (the soak counts threads). */
    @Override
    public void close() {
        resumeReading(); // the client's thread must be free to end
        client.close();
    }
}

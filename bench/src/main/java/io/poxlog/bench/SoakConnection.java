package io.poxlog.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.viewer.client.JsonStreamReader;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One soak client's connection: a blocking socket, and a reader thread that hands every record
 * of the client's log channel to a consumer at once (so a subscriber keeps up however busy its
 * client is) and queues every other message. Writes come from the client's thread only.
 */
final class SoakConnection implements AutoCloseable {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNode CLOSED = MAPPER.createObjectNode();

    private final Socket socket;
    private final OutputStream out;
    private final BlockingQueue<JsonNode> replies = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile String logChannel;
    private volatile Consumer<JsonNode> records = r -> { };

    SoakConnection(InetSocketAddress address) throws IOException {
        socket = new Socket();
        socket.setSoLinger(true, 0); // churn without leaving TIME_WAIT sockets behind
        socket.connect(address, 5000);
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        reader = new Thread(this::read, "soak-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** From now on, messages on {@code channel} go to {@code consumer} instead of the reply queue. */
    void onRecords(String channel, Consumer<JsonNode> consumer) {
        records = consumer;
        logChannel = channel;
    }

    private void read() {
        try (JsonStreamReader in = new JsonStreamReader(socket.getInputStream())) {
            JsonNode m;
            while ((m = in.next()) != null) {
                if (m.path("CHANNEL").asText("").equals(logChannel)) {
                    records.accept(m);
                } else {
                    replies.add(m);
                }
            }
        } catch (IOException closed) {
            // the end of this connection, whoever closed it
        }
        replies.add(CLOSED);
    }

    void send(ObjectNode m) throws IOException {
        out.write(MAPPER.writeValueAsBytes(m));
        out.flush();
    }

    void sendRaw(String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The server's welcome, or null if none came within a reply's time. */
    JsonNode awaitWelcome() throws InterruptedException {
        return await(m -> "welcome".equals(m.path("cmd").asText()), SoakClient.REPLY_MS);
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

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(5000); // no reader thread may outlive the client: the soak counts threads
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.poxlog.viewer.tui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.poxlog.testing.Await;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A controller that lies: it speaks just enough of the protocol for a viewer to subscribe (a
 * welcome offering {@code get_levels}, answers to {@code test} probes and {@code get_levels}),
 * then sends whatever records and level names the test gives it, however hostile. One viewer at
 * a time, on an ephemeral loopback port.
 *
 * <p>Threads: one accepts and reads; the test's thread sends.
 */
final class HostileController implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ServerSocket server;
    private final Thread reader;
    private volatile OutputStream out;
    private volatile String channel;
    private volatile JsonNode levels = MAPPER.createObjectNode();

    HostileController() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        reader = new Thread(this::serve, "hostile-controller");
        reader.setDaemon(true);
        reader.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** What {@code get_levels} answers from now on: logger name to {configured, effective}. */
    void levels(JsonNode levels) {
        this.levels = levels;
    }

    /** Waits until a viewer has joined its log channel. */
    HostileController awaitSubscriber() {
        Await.until("a viewer subscribes to the hostile controller", () -> channel != null);
        return this;
    }

    /** Sends a record on the subscriber's channel: the given fields, plus {@code CHANNEL}. */
    void send(ObjectNode record) throws IOException {
        record.put("CHANNEL", channel);
        write(record);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                out = s.getOutputStream();
                write(MAPPER.createObjectNode().put("CHANNEL", "").put("cmd", "welcome").put("session_id", "hostile")
                        .set("features", MAPPER.createArrayNode().add("get_levels")));
                MappingIterator<JsonNode> in = MAPPER.readerFor(JsonNode.class).readValues(s.getInputStream());
                while (in.hasNextValue()) {
                    answer(in.nextValue());
                }
            } catch (IOException | RuntimeException e) {
                channel = null; // the viewer went away, or we were closed
            }
        }
    }

    private void answer(JsonNode m) throws IOException {
        if ("join_channel".equals(m.path("cmd").asText())) {
            channel = m.path("channel").asText();
        } else if (m.has("test")) {
            ObjectNode reply = MAPPER.createObjectNode().put("CHANNEL", "");
            reply.set("test", m.get("test"));
            if (m.has("XID")) {
                reply.set("XID", m.get("XID")); // as every messenger does: the viewer matches replies by it
            }
            write(reply);
        } else if ("get_levels".equals(m.path("cmd").asText())) {
            ObjectNode reply = MAPPER.createObjectNode().put("CHANNEL", m.path("CHANNEL").asText("log"));
            reply.set("XID", m.get("XID"));
            reply.set("levels", levels);
            write(reply);
        }
    }

    private synchronized void write(JsonNode m) throws IOException {
        OutputStream o = out;
        o.write(MAPPER.writeValueAsString(m).getBytes(StandardCharsets.UTF_8));
        o.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        OutputStream o = out;
        if (o != null) {
            o.close();
        }
    }
}

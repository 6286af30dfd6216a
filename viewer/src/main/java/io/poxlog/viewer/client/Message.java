package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One message a {@link MessengerClient} received: its bytes as they came, the few top-level
 * fields every message is routed by, and, when someone asks, the whole of it as a tree (parsed
 * once, then kept). Records are mostly read without the tree (see {@link LogSubscription}).
 *
 * <p>Made on the client's reading thread and handed to its listener; safe to keep and read on
 * any thread afterwards (the tree is parsed at most once per thread that races for it).
 */
public final class Message {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final byte[] bytes;
    private final String channel;
    private final String cmd;
    private final String xid;
    /** The reading thread's fields of this message: valid only during the listener's callback. */
    private final MessageFields fields;
    private volatile ObjectNode tree;

    Message(byte[] bytes, MessageFields fields) {
        this.bytes = bytes;
        this.channel = fields.channel;
        this.cmd = fields.cmd;
        this.xid = fields.xid;
        this.fields = fields;
    }

    /** Its {@code CHANNEL}; "" for the default channel (or when it has none, or not a string). */
    public String channel() {
        return channel;
    }

    /** Its {@code cmd} when that is a string (welcome, error, authenticated, ...), else null. */
    public String cmd() {
        return cmd;
    }

    /** Its {@code XID} when that is a string, else null. */
    public String xid() {
        return xid;
    }

    /** An error reply (PROTOCOL.md §6). */
    public boolean isError() {
        return channel.isEmpty() && "error".equals(cmd);
    }

    /** The bytes as received; do not change them. */
    public byte[] bytes() {
        return bytes;
    }

    /** The message as text, as received. */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** The fields read while routing it; only during the listener callback it was handed to. */
    MessageFields fields() {
        return fields;
    }

    /**
     * The whole message as a tree (shared: do not change it).
     *
     * @throws MalformedMessageException when its bytes are not valid JSON (the reader only
     *     checks where objects begin and end)
     */
    public ObjectNode tree() {
        ObjectNode t = tree;
        if (t == null) {
            try {
                JsonNode n = MAPPER.readTree(bytes);
                if (!(n instanceof ObjectNode o)) {
                    throw new MalformedMessageException("not a JSON object: " + preview());
                }
                t = o;
            } catch (IOException e) {
                throw new MalformedMessageException("not valid JSON (" + e.getMessage().lines().findFirst().orElse("")
                        + "): " + preview());
            }
            tree = t;
        }
        return t;
    }

    /** The first 200 characters, for error messages. */
    String preview() {
        String s = text();
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    @Override
    public String toString() {
        return preview();
    }

    /** A message whose bytes are not valid JSON, though they are framed like an object. */
    public static final class MalformedMessageException extends RuntimeException {
        MalformedMessageException(String message) {
            super(message);
        }
    }
}

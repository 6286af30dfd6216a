package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messenger's hub: the registry of connections and channels, and the router of every message
 * a transport receives (PROTOCOL.md §2-§4).
 *
 * <p>All state lives on one thread, "messenger-nexus", so none of it needs a lock: transports call
 * {@link #connected}, {@link #received} and {@link #disconnected} from their own threads and those
 * hand the work over ({@link NexusThread}). Services run on that thread too, in their bots. Knows
 * nothing of sockets.
 */
public final class Nexus {
    private static final Logger log = LoggerFactory.getLogger("messenger");

    public static final String DEFAULT_CHANNEL = "";
    public static final int DEFAULT_MAX_CHANNELS_PER_CONNECTION = 64;
    public static final int MAX_CHANNEL_NAME_LENGTH = 256;
    /**
     * Channels in all. Clients can make channels that outlive them (invited bots wait in channels
     * nobody has joined yet), so without this bound they could fill the heap.
     */
    public static final int DEFAULT_MAX_CHANNELS = 100_000;

    private final NexusThread thread = new NexusThread();
    private final Map<String, Channel> channels = new HashMap<>();
    private final Set<Connection> connections = new LinkedHashSet<>();
    private final List<Consumer<Channel>> channelCreatedListeners = new ArrayList<>();
    private final List<Consumer<Connection>> disconnectListeners = new ArrayList<>();
    private final Map<String, BotFactory> invitableBots = new LinkedHashMap<>();
    private final List<String> onDemandPrefixes = new ArrayList<>();
    private final Welcome welcome = new Welcome();
    private final Channel defaultChannel;
    private final AuthGate auth = new AuthGate(this);
    private volatile int maxChannelsPerConnection = DEFAULT_MAX_CHANNELS_PER_CONNECTION;
    private volatile int maxChannels = DEFAULT_MAX_CHANNELS;

    public Nexus() {
        defaultChannel = new Channel(this, DEFAULT_CHANNEL, false);
        channels.put(DEFAULT_CHANNEL, defaultChannel);
        new DefaultChannelBot(defaultChannel);
    }

    // ---------------------------------------------------------------- any thread

    /** Runs {@code task} on the nexus thread (at once when already on it). */
    public void execute(Runnable task) {
        thread.execute(task);
    }

    /** Runs {@code task} on the nexus thread and gives its result. */
    public <T> CompletableFuture<T> call(Callable<T> task) {
        return thread.call(task);
    }

    public boolean inNexusThread() {
        return thread.isCurrent();
    }

    /** Advertises a feature in every welcome (extension: PROTOCOL.md §2). */
    public void addFeature(String feature) {
        welcome.addFeature(feature);
    }

    /**
     * Makes every welcome from now on carry {@code key: value} (a service's extension of
     * PROTOCOL.md §2, such as the log service's {@code log_id}); a second call replaces the value.
     *
     * @throws IllegalArgumentException for a key the messenger writes itself ({@code session_id}...)
     */
    public void setWelcomeField(String key, String value) {
        welcome.putField(key, value);
    }

    /**
     * Requires every connection accepted from now on to authenticate with one of {@code tokens}
     * (null: nobody needs to, and everyone may do everything). Set it before transports start.
     */
    public void setAccessTokens(AccessTokens tokens) {
        auth.setTokens(tokens);
        if (tokens != null) {
            welcome.addFeature("auth");
        } else {
            welcome.removeFeature("auth");
        }
    }

    /** Whether new connections must authenticate; transports then enforce a handshake timeout. */
    public boolean authRequired() {
        return auth.required();
    }

    public int maxChannelsPerConnection() {
        return maxChannelsPerConnection;
    }

    public void setMaxChannels(int max) {
        if (max < 2) {
            throw new IllegalArgumentException("maxChannels must be at least 2, not " + max);
        }
        this.maxChannels = max;
    }

    public void setMaxChannelsPerConnection(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("maxChannelsPerConnection must be at least 1, not " + max);
        }
        this.maxChannelsPerConnection = max;
    }

    /** A transport has a new connection: register it and welcome it (unless we dialled it). */
    public void connected(Connection con) {
        execute(() -> {
            connections.add(con);
            con.setRole(auth.initialRole(con));
            if (!con.dialled()) {
                con.send(welcome.to(con, auth.required()));
            }
            log.debug("{} connected", con);
        });
    }

    /** A transport received one whole JSON object from {@code con}. */
    public void received(Connection con, ObjectNode message) {
        execute(() -> route(con, message));
    }

    /** A transport lost {@code con}: it leaves every channel. */
    public void disconnected(Connection con) {
        execute(() -> {
            if (!connections.remove(con)) {
                return;
            }
            for (Channel ch : List.copyOf(con.channels)) {
                ch.removeMember(con, true);
            }
            for (Consumer<Connection> listener : List.copyOf(disconnectListeners)) {
                guard(null, null, () -> listener.accept(con));
            }
            log.debug("{} disconnected", con);
        });
    }

    /** Stops the nexus thread after the work already handed to it, waiting at most the timeout. */
    public void stop(long timeout, TimeUnit unit) throws InterruptedException {
        thread.stop(timeout, unit);
    }

    // ---------------------------------------------------------------- nexus thread only

    public Channel defaultChannel() {
        return defaultChannel;
    }

    public DefaultChannelBot defaultBot() {
        return (DefaultChannelBot) defaultChannel.bots().get(0);
    }

    /** The channel of that name, or null. */
    public Channel channel(String name) {
        return channels.get(name == null ? DEFAULT_CHANNEL : name);
    }

    public Set<String> channelNames() {
        return Collections.unmodifiableSet(channels.keySet());
    }

    public Set<Connection> connections() {
        return Collections.unmodifiableSet(connections);
    }

    /**
     * The channel of that name, created (and announced to the channel-created listeners, which may
     * attach bots) if it does not exist yet.
     */
    public Channel getOrCreate(String name, boolean temporary) {
        Channel ch = channels.get(name);
        if (ch != null) {
            return ch;
        }
        if (name.length() > MAX_CHANNEL_NAME_LENGTH) {
            throw new RequestException("channel name longer than " + MAX_CHANNEL_NAME_LENGTH + " characters");
        }
        if (channels.size() >= maxChannels) {
            throw new RequestException("cannot create channel '" + name + "': the messenger already has " + channels.size() + " channels, its limit");
        }
        ch = new Channel(this, name, temporary);
        channels.put(name, ch);
        log.debug("Created {} channel '{}'", temporary ? "temporary" : "permanent", name);
        for (Consumer<Channel> listener : List.copyOf(channelCreatedListeners)) {
            listener.accept(ch);
        }
        return ch;
    }

    /** Called for every connection that goes away, after it has left its channels. */
    public void onDisconnected(Consumer<Connection> listener) {
        disconnectListeners.add(listener);
    }

    /** Called for every channel created from now on (POX's ChannelCreate event). */
    public void onChannelCreated(Consumer<Channel> listener) {
        channelCreatedListeners.add(listener);
    }

    /**
     * Gives every new channel whose name starts with {@code prefix} a bot from {@code factory}
     * (how {@code echo_*} and {@code log_*} channels get their services). A message to a missing
     * channel of that prefix creates it on demand.
     */
    public void addBotForPrefix(String prefix, BotFactory factory) {
        onDemandPrefixes.add(prefix);
        onChannelCreated(ch -> {
            if (ch.name().startsWith(prefix)) {
                factory.create(ch, Json.object());
            }
        });
    }

    /** Registers a bot that clients can invite into a channel by name (PROTOCOL.md §4). */
    public void addInvitableBot(String name, BotFactory factory) {
        invitableBots.put(name, factory);
    }

    BotFactory invitableBot(String name) {
        return invitableBots.get(name);
    }

    Set<String> invitableBotNames() {
        return invitableBots.keySet();
    }

    /** Joins {@code con} to {@code ch}, enforcing the per-connection channel limit. */
    public void join(Connection con, Channel ch, ObjectNode joinMessage) {
        if (!ch.members().contains(con) && con.channels.size() >= maxChannelsPerConnection) {
            throw new RequestException("cannot join '" + ch.name() + "': this connection is already in "
                    + con.channels.size() + " channels, the limit per connection");
        }
        ch.addMember(con, joinMessage);
    }

    public void leave(Connection con, Channel ch) {
        ch.removeMember(con, true);
    }

    void destroy(Channel ch) {
        if (ch.destroyed() || channels.get(ch.name()) != ch) {
            return;
        }
        channels.remove(ch.name());
        ch.markDestroyed();
        log.debug("Destroyed channel '{}'", ch.name());
    }

    /** Sends the error message of PROTOCOL.md §6 to {@code con} on the default channel. */
    public void sendError(Connection con, JsonNode request, String requestChannel, String text) {
        con.send(ErrorMessages.of(request, requestChannel, text));
    }

    /**
     * Runs a service callback so that its failure harms nobody else: a {@link RequestException}
     * becomes an error for {@code con}; anything else is logged and reported as an internal error.
     */
    void guard(Connection con, ObjectNode request, Runnable action) {
        String requestChannel = request == null ? null : channelText(request);
        try {
            action.run();
        } catch (RequestException e) {
            if (con != null) {
                sendError(con, request, requestChannel, e.getMessage());
            }
        } catch (RuntimeException e) {
            log.error("Service failed handling a message", e);
            if (con != null) {
                sendError(con, request, requestChannel, "internal error: " + e);
            }
        }
    }

    static String channelText(ObjectNode msg) {
        JsonNode c = msg.get("CHANNEL");
        return c == null || c.isNull() ? DEFAULT_CHANNEL : c.isTextual() ? c.asText() : Json.preview(c);
    }

    private void route(Connection con, ObjectNode message) {
        if (!connections.contains(con)) {
            return; // it went away while the message waited
        }
        if (!auth.admit(con, message)) {
            return;
        }
        JsonNode target = message.get("CHANNEL");
        if (target == null || target.isNull()) {
            deliver(con, DEFAULT_CHANNEL, message);
        } else if (target.isTextual()) {
            deliver(con, target.asText(), message);
        } else if (target.isArray()) {
            for (JsonNode name : target) {
                if (name.isTextual()) {
                    deliver(con, name.asText(), message);
                } else if (name.isNull()) {
                    deliver(con, DEFAULT_CHANNEL, message);
                } else {
                    sendError(con, message, Json.preview(name),
                            "CHANNEL list entries must be strings, not " + Json.preview(name));
                }
            }
        } else {
            sendError(con, message, Json.preview(target),
                    "CHANNEL must be a string or a list of strings, not " + Json.preview(target));
        }
    }

    private void deliver(Connection con, String channelName, ObjectNode message) {
        Channel ch = channels.get(channelName);
        boolean onDemand = false;
        if (ch == null) {
            // Services create channels of their prefix on demand (POX's MissingChannel):
            // a message to echo_x or log_x creates it.
            if (!hasCreatorFor(channelName)) {
                sendError(con, message, channelName, "no channel named '" + channelName + "'");
                return;
            }
            Channel[] created = new Channel[1];
            guard(con, message, () -> created[0] = getOrCreate(channelName, true));
            if (created[0] == null) {
                return;
            }
            ch = created[0];
            onDemand = true;
        }
        MessageEvent event = new MessageEvent(con, ch, message);
        for (ChannelBot bot : List.copyOf(ch.bots())) {
            guard(con, message, () -> bot.handle(event));
        }
        if (onDemand && ch.temporary() && ch.members().isEmpty()) {
            // Nobody joined it: keep no memberless channel, or a client could fill memory with
            // messages to ever new names.
            destroy(ch);
        }
    }

    private boolean hasCreatorFor(String name) {
        for (String p : onDemandPrefixes) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}

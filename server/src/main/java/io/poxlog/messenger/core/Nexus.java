package io.poxlog.messenger.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The messenger's hub, and its one face to transports and services: where every message a
 * transport receives comes in (PROTOCOL.md §2-§4), admitted by the {@link AuthGate} and routed to
 * channels' bots by the {@link Router}. Its connections are kept by the {@link
 * ConnectionRegistry}, its channels by the {@link ChannelRegistry}; what clients may make it hold
 * is bounded by the {@link ChannelQuota}, applied by the {@link ChannelAdmission}; a failing
 * service is isolated by the {@link ServiceGuard}.
 *
 * <p>All state lives on one thread, "messenger-nexus", so none of it needs a lock: transports call
 * {@link #connected}, {@link #received} and {@link #disconnected} from their own threads and those
 * hand the work over ({@link NexusThread}). Services run on that thread too, in their bots. Knows
 * nothing of sockets.
 */
public final class Nexus {
    public static final String DEFAULT_CHANNEL = "";
    public static final int DEFAULT_MAX_CHANNELS_PER_CONNECTION = 64;
    public static final int MAX_CHANNEL_NAME_LENGTH = 256;
    /** Names in one message's {@code CHANNEL} list: each is a delivery, or an error. */
    public static final int MAX_CHANNELS_PER_MESSAGE = 16;
    /**
     * Channels in all, whoever makes them: the last bound on the heap they take. Clients' own
     * channels are bounded per connection and go with them, so by default (1000 connections of
     * 64 channels) clients alone cannot reach it.
     */
    public static final int DEFAULT_MAX_CHANNELS = 100_000;
    /** Bots a connection has invited (PROTOCOL.md §4) that are still running. */
    public static final int DEFAULT_MAX_BOTS_PER_CONNECTION = 64;
    /** Bots clients may invite into one channel, whoever invites them. */
    public static final int MAX_INVITED_BOTS_PER_CHANNEL = 16;
    /** How long a channel a bot was invited into waits for its first member before it goes. */
    public static final Duration DEFAULT_INVITE_TIMEOUT = Duration.ofSeconds(60);

    private final NexusThread thread = new NexusThread();
    private final Map<String, BotFactory> invitableBots = new LinkedHashMap<>();
    private final Welcome welcome = new Welcome();
    private final AuthGate auth = new AuthGate(this);
    private final ChannelQuota quota = new ChannelQuota();
    private final UnjoinedChannels unjoined = new UnjoinedChannels(this, thread);
    private final ChannelRegistry channels = new ChannelRegistry(this, quota, unjoined);
    private final ConnectionRegistry connections = new ConnectionRegistry(auth, welcome, unjoined);
    private final ChannelAdmission admission = new ChannelAdmission(this, quota, unjoined);
    private final Router router = new Router(this);
    private final Channel defaultChannel = channels.get(DEFAULT_CHANNEL);

    public Nexus() {
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

    /**
     * Runs {@code task} on the nexus thread after {@code delay} (a service's timer: it must not
     * wait, as every task there); cancelling the future forgets it. Nothing runs after {@link #stop}.
     */
    public Future<?> schedule(Runnable task, Duration delay) {
        return thread.schedule(task, delay);
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

    /** How many wrong tokens each source address may present, and how long it then waits. */
    public void setAuthLimits(AuthLimits limits) {
        auth.setLimits(limits);
    }

    /** Whether new connections must authenticate; transports then enforce a handshake timeout. */
    public boolean authRequired() {
        return auth.required();
    }

    public int maxChannelsPerConnection() {
        return quota.maxChannelsPerConnection();
    }

    /** Channels in all (at least 2: the default channel and one more). */
    public void setMaxChannels(int max) {
        quota.setMaxChannels(max);
    }

    /** Channels one connection may be in or hold (invited into, not joined yet) at once. */
    public void setMaxChannelsPerConnection(int max) {
        quota.setMaxChannelsPerConnection(max);
    }

    public int maxBotsPerConnection() {
        return quota.maxBotsPerConnection();
    }

    /** Invited bots one connection may have running at once. */
    public void setMaxBotsPerConnection(int max) {
        quota.setMaxBotsPerConnection(max);
    }

    public Duration inviteTimeout() {
        return unjoined.timeout();
    }

    /** How long a channel a bot is invited into from now on waits for its first member. */
    public void setInviteTimeout(Duration timeout) {
        unjoined.setTimeout(timeout);
    }

    /** Tasks waiting for the nexus thread (messages, timers...): how far behind it is. Any thread. */
    public int pendingTasks() {
        return thread.pending();
    }

    /** How many tasks have failed on the nexus thread (each logged; the thread went on). */
    public long failedTasks() {
        return thread.failures();
    }

    /**
     * A transport has a new connection: register it and welcome it. A messenger we dialled is
     * welcomed too, as POX's dialling side does; it is never asked for a token.
     */
    public void connected(Connection con) {
        execute(() -> connections.add(con));
    }

    /**
     * Checks a token a client presented outside the messenger's protocol, before its connection
     * exists (an {@code Authorization: Bearer} header, PROTOCOL.md §9.3), exactly as an
     * {@code auth} message's is checked: a wrong one counts against {@code from}'s address, and
     * during its backoff none is checked. Any thread; completes on the nexus thread. An accepted
     * grant goes to the connection with {@link Connection#grantBeforeWelcome} before the
     * transport reports it.
     */
    public CompletableFuture<TokenCheck> checkToken(java.net.InetAddress from, String token) {
        return call(() -> auth.check(from, token, "a client at " + (from == null ? "an unknown address" : from.getHostAddress())));
    }

    /** A transport received one whole JSON object from {@code con}. */
    public void received(Connection con, ObjectNode message) {
        received(con, message, null);
    }

    /**
     * As {@link #received(Connection, ObjectNode)}, then runs {@code handled} (when not null) on
     * the nexus thread once the message has been handled or dropped, whatever happened: a
     * transport counts the messages waiting here to stop reading a connection that outpaces the
     * nexus.
     */
    public void received(Connection con, ObjectNode message, Runnable handled) {
        execute(() -> {
            try {
                if (connections.contains(con) // it may have gone away while the message waited
                        && auth.admit(con, message)) {
                    router.route(con, message);
                }
            } finally {
                if (handled != null) {
                    handled.run();
                }
            }
        });
    }

    /**
     * A transport lost {@code con}: it leaves every channel, the channels it invited bots into
     * that nobody has joined go, and those somebody joined keep its bots but forget it.
     */
    public void disconnected(Connection con) {
        execute(() -> connections.remove(con));
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
        return channels.get(name);
    }

    public Set<String> channelNames() {
        return channels.names();
    }

    public Set<Connection> connections() {
        return connections.all();
    }

    /** Invited channels nobody joined in time, since the start. */
    public long expiredInvitedChannels() {
        return unjoined.expired();
    }

    /**
     * The channel of that name, created (and announced to the channel-created listeners, which may
     * attach bots) if it does not exist yet. A listener that fails undoes the creation.
     */
    public Channel getOrCreate(String name, boolean temporary) {
        return channels.getOrCreate(name, temporary);
    }

    /** Called for every connection that goes away, after it has left its channels. */
    public void onDisconnected(Consumer<Connection> listener) {
        connections.onDisconnected(listener);
    }

    /** Called for every channel created from now on (POX's ChannelCreate event). */
    public void onChannelCreated(Consumer<Channel> listener) {
        channels.onCreated(listener);
    }

    /**
     * Gives every new channel whose name starts with {@code prefix} a bot from {@code factory}
     * (how {@code echo_*} and {@code log_*} channels get their services). A message to a missing
     * channel of that prefix creates it on demand.
     */
    public void addBotForPrefix(String prefix, BotFactory factory) {
        router.addOnDemandPrefix(prefix);
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

    /**
     * Joins {@code con} to the channel of that name, creating it ({@code temporary} or not) when
     * missing, within the per-connection channel limit. A refused join creates nothing.
     */
    public Channel join(Connection con, String name, boolean temporary, ObjectNode joinMessage) {
        return admission.join(con, name, temporary, joinMessage, "cannot join '" + name + "'");
    }

    /** Makes a temporary channel of that fresh name and joins {@code con} to it, as {@link #join}. */
    Channel joinNew(Connection con, String name, ObjectNode request) {
        return admission.join(con, name, true, request, "cannot make a new channel");
    }

    /** Starts an invited bot in the channel of that name for {@code con} ({@link ChannelAdmission#invite}). */
    Channel invite(Connection con, String name, String botName, BotFactory factory, ObjectNode message) {
        return admission.invite(con, name, botName, factory, message);
    }

    public void leave(Connection con, Channel ch) {
        ch.removeMember(con, true);
    }

    UnjoinedChannels unjoined() {
        return unjoined;
    }

    void destroy(Channel ch) {
        channels.destroy(ch);
    }

    /** Sends the error message of PROTOCOL.md §6 to {@code con} on the default channel. */
    public void sendError(Connection con, JsonNode request, String requestChannel, String text) {
        con.send(ErrorMessages.of(request, requestChannel, text));
    }
}

package io.poxlog.messenger.transport.netty;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.TooLongFrameException;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.InboundRateLimit;
import io.poxlog.messenger.core.ErrorMessages;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.Nexus;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;

/**
 * The last handler of a messenger pipeline, on every Netty transport (TCP, WebSocket): turns the
 * Netty channel into the transport's {@link Connection}, hands its messages to the nexus, and
 * answers framing errors (PROTOCOL.md §6). It also enforces
 * the per-connection limits that belong before the nexus: the inbound message rate, when the
 * nexus requires tokens the time allowed to authenticate, the time an accepted connection that
 * has joined no channel may stay silent, and how many of its messages may wait for the nexus
 * thread. One per channel, on its event loop (the nexus thread only counts down what waits).
 *
 * <p>The connection starts when the channel becomes active, or when the handler is added to an
 * active channel (a WebSocket, once its upgrade is answered). The transport's decoders before it
 * report bad input as exceptions: {@link MalformedMessageException} (answered, the connection goes
 * on), {@link TooLongFrameException} (the frame limit), {@link InputRefusedException} and other
 * {@link DecoderException}s (answered, and closed).
 */
public final class ConnectionHandler extends SimpleChannelInboundHandler<ObjectNode> {
    /**
     * Messages of one connection that may wait for the nexus thread; past it the connection is
     * not read (TCP pushes back on the sender) until half of them are handled. Without it, a
     * connection within its rate whose messages cost the nexus more than they take to send grew
     * the nexus's queue without bound, and everyone's messages waited behind it.
     */
    public static final int MAX_MESSAGES_WAITING = 256;

    private final Logger log;
    private final Nexus nexus;
    private final ConnectionLimits limits;
    private final int maxFrameBytes;
    private final Function<Channel, Connection> connections;
    private final boolean dialled;
    private final String dialToken;
    private final InboundRateLimit rate;
    private Channel channel;
    private Connection connection;
    private boolean closing;
    private ScheduledFuture<?> handshakeTimer;
    private ScheduledFuture<?> idleTimer;
    private long lastMessageAt;
    /** Messages handed to the nexus and not yet handled there; counted down on the nexus thread. */
    private final AtomicInteger waiting = new AtomicInteger();
    /** Whether reading is stopped for {@link #MAX_MESSAGES_WAITING}; event loop only. */
    private boolean paused;

    /**
     * {@code connections} makes the transport's connection for the channel, on its event loop;
     * {@code dialToken}: for a dialled connection, the token to answer a welcome that asks for one;
     * {@code log}: the transport's logger.
     */
    public ConnectionHandler(Nexus nexus, ConnectionLimits limits, int maxFrameBytes,
                             Function<Channel, Connection> connections, boolean dialled, String dialToken, Logger log) {
        this.nexus = nexus;
        this.limits = limits;
        this.maxFrameBytes = maxFrameBytes;
        this.connections = connections;
        this.dialled = dialled;
        this.dialToken = dialToken;
        this.log = log;
        this.rate = new InboundRateLimit(limits.messagesPerSecond(), limits.messageBurst());
    }

    /** The connection, once the channel is active; null before. Event loop only. */
    public Connection connection() {
        return connection;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        if (ctx.channel().isActive()) {
            begin(ctx);
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        begin(ctx);
        ctx.fireChannelActive();
    }

    private void begin(ChannelHandlerContext ctx) {
        if (connection != null) {
            return;
        }
        channel = ctx.channel();
        connection = connections.apply(channel);
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress peer) {
            connection.setRemoteAddress(peer.getAddress());
        }
        nexus.connected(connection);
        lastMessageAt = System.nanoTime();
        long idle = limits.idleTimeout().toNanos();
        if (!dialled && idle > 0) {
            idleTimer = ctx.executor().schedule(() -> checkIdle(ctx), idle, TimeUnit.NANOSECONDS);
        }
        if (!dialled && nexus.authRequired()) {
            Duration timeout = limits.handshakeTimeout();
            handshakeTimer = ctx.executor().schedule(() -> {
                if (!connection.authenticated() && !closing) {
                    sendError("no authentication within " + describe(timeout) + "; closing the connection", true);
                }
            }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        // Do not keep a closed connection referenced until the timers fire.
        if (handshakeTimer != null) {
            handshakeTimer.cancel(false);
        }
        if (idleTimer != null) {
            idleTimer.cancel(false);
        }
        if (connection != null) {
            nexus.disconnected(connection);
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ObjectNode message) {
        if (closing) {
            return;
        }
        lastMessageAt = System.nanoTime();
        if (dialled && dialToken != null && "welcome".equals(Json.text(message, "cmd"))
                && message.path("auth_required").asBoolean(false)) {
            // Straight back, from the I/O thread, so nothing this messenger sends can go first.
            connection.send(Json.object().put("CHANNEL", Nexus.DEFAULT_CHANNEL).put("cmd", "auth").put("token", dialToken));
        }
        switch (rate.onMessage()) {
            case ACCEPT -> handOver(ctx, message);
            case DROP_AND_WARN -> sendError("more than " + rate.perSecond() + " messages per second, this "
                    + "connection's limit: messages over it are dropped", false);
            case DROP -> {
                // The sender was told at the start of this second.
            }
            case CLOSE -> {
                closing = true; // what still comes is read and discarded until the connection closes
                sendError("still sending far over the limit of " + rate.perSecond()
                        + " messages per second; closing the connection", true);
            }
        }
    }

    /**
     * Gives the nexus one message, and stops reading the connection while too many of its messages
     * wait there. The messages of the read in progress still come (at most one read buffer's
     * worth). Reading resumes, on this event loop, when the count falls to half.
     */
    private void handOver(ChannelHandlerContext ctx, ObjectNode message) {
        if (waiting.incrementAndGet() >= MAX_MESSAGES_WAITING && !paused) {
            paused = true;
            ctx.channel().config().setAutoRead(false);
        }
        nexus.received(connection, message, () -> {
            if (waiting.decrementAndGet() == MAX_MESSAGES_WAITING / 2) {
                ctx.executor().execute(() -> resumeIfCaughtUp(ctx));
            }
        });
    }

    private void resumeIfCaughtUp(ChannelHandlerContext ctx) {
        if (paused && waiting.get() <= MAX_MESSAGES_WAITING / 2) {
            paused = false;
            ctx.channel().config().setAutoRead(true);
        }
    }

    /**
     * Closes the connection if it has sent nothing for the idle timeout and is in no channel (a
     * subscriber stays however quiet, and so does a peer messenger that sent its welcome);
     * otherwise looks again when the timeout could next expire. Membership is the nexus's to
     * read, so the nexus is asked, and answers on this event loop.
     */
    private void checkIdle(ChannelHandlerContext ctx) {
        if (closing || !ctx.channel().isActive()) {
            return;
        }
        long timeout = limits.idleTimeout().toNanos();
        long quiet = System.nanoTime() - lastMessageAt;
        if (quiet < timeout) {
            idleTimer = ctx.executor().schedule(() -> checkIdle(ctx), timeout - quiet, TimeUnit.NANOSECONDS);
            return;
        }
        Connection con = connection;
        nexus.execute(() -> {
            // A messenger that dialled us and welcomed us is a link between controllers, which
            // may well be quiet: it is not an idle client holding a slot.
            boolean member = con.inAnyChannel() || con.peerSessionId() != null;
            ctx.executor().execute(() -> {
                if (closing || !ctx.channel().isActive()) {
                    return;
                }
                if (member || System.nanoTime() - lastMessageAt < timeout) {
                    idleTimer = ctx.executor().schedule(() -> checkIdle(ctx), timeout, TimeUnit.NANOSECONDS);
                } else {
                    sendError("nothing sent for " + describe(limits.idleTimeout()) + " and no channel "
                            + "joined, the idle limit; closing the connection", true);
                }
            });
        });
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (connection == null) {
            ctx.close();
            return;
        }
        if (closing) {
            return;
        }
        if (isTls(cause)) {
            // Not TLS, or a failed handshake: nothing can be said to this peer in the clear.
            log.debug("{}: TLS failed: {}", connection, cause.getMessage());
            closing = true;
            ctx.close();
        } else if (cause instanceof MalformedMessageException) {
            // The frame was whole, so the stream is still in step: say what was wrong, go on.
            sendError(cause.getMessage(), false);
        } else if (cause instanceof TooLongFrameException) {
            sendError("message larger than the limit of " + maxFrameBytes
                    + " bytes; closing the connection", true);
        } else if (cause instanceof InputRefusedException) {
            sendError(cause.getMessage() + "; closing the connection", true);
        } else if (cause instanceof CorruptedFrameException || cause instanceof DecoderException) {
            sendError("bytes that are not a JSON object (" + cause.getMessage()
                    + "); closing the connection", true);
        } else if (cause instanceof IOException || cause instanceof PrematureChannelClosureException) {
            // The peer went, in the middle of a message (a WebSocket's fragments) or not.
            log.debug("{}: {}", connection, cause.toString());
            ctx.close();
        } else {
            log.warn("{} failed; closing it", connection, cause);
            ctx.close();
        }
    }

    private static boolean isTls(Throwable cause) {
        return cause instanceof SSLException || cause.getCause() instanceof SSLException;
    }

    private void sendError(String text, boolean close) {
        if (close) {
            closing = true;
            if (paused) {
                // Read on, discarding, so that the lingering close does not end in a reset.
                paused = false;
                channel.config().setAutoRead(true);
            }
        }
        // Not the text: a malformed frame's error quotes the frame, which may hold a token.
        log.debug("{}: refused input{}", connection, close ? "; closing it" : "");
        // Go through the nexus so the error cannot overtake the welcome or earlier replies.
        Connection con = connection;
        nexus.execute(() -> {
            var error = ErrorMessages.of(null, null, text);
            if (close) {
                con.sendAndClose(error);
            } else {
                con.send(error);
            }
        });
    }
}

package io.poxlog.messenger.transport.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.SessionIds;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A messenger {@link Connection} over one WebSocket (PROTOCOL.md §12): each message is one text
 * frame, or with {@code lines} (the client chose subprotocol {@value WsTransport#LINES}) each is a
 * line, followed by {@code \n}, and a frame holds one or more: the log service's batch as few
 * frames as {@link FrameBatch#LINE_FRAME_BYTES} allows, anything else a frame of one line. The
 * client's frames are one message each either way. Called from the threads {@link Connection} says. As on TCP,
 * output above the channel's high-water mark makes it unwritable (the log service then drops for
 * it alone), and output past {@code maxPendingBytes} means the peer stopped reading and the
 * connection is closed.
 *
 * <p>The log service's batch is framed as it is added ({@link FrameBatch}, pooled direct chunks);
 * {@link #flush} hands the chunks to the event loop as one task that writes them and flushes once.
 */
final class WsConnection extends Connection {
    private static final Logger log = LoggerFactory.getLogger(WsTransport.LOGGER);
    /** How long a connection closed by the server waits for the peer's close frame. */
    static final long LINGER_MS = 1000;
    /** What ends each message with {@code lines}; only ever read. */
    private static final byte[] NEWLINE = {'\n'};

    private final Channel channel;
    private final long maxPendingBytes;
    private final String name;
    private final FrameBatch batch;
    private final boolean lines;
    /** Bytes of flushed batches whose event-loop task has not run yet: Netty does not count them. */
    private final AtomicLong inFlight = new AtomicLong();
    /** The status the next close sends: set by the decoders before they report bad input. */
    private volatile WebSocketCloseStatus closeStatus = WebSocketCloseStatus.POLICY_VIOLATION;
    /** Set by the first close frame sent, the server's own or its answer to the peer's: there is one. */
    private final AtomicBoolean closeSent = new AtomicBoolean();

    WsConnection(Channel channel, long maxPendingBytes, boolean lines) {
        super(SessionIds.next());
        this.channel = channel;
        this.maxPendingBytes = maxPendingBytes;
        this.lines = lines;
        this.batch = new FrameBatch(channel.alloc(), lines);
        this.name = "WebSocketConnection " + format(channel.localAddress()) + "/" + format(channel.remoteAddress());
    }

    /** What the close that follows the error about to be reported says (PROTOCOL.md §12). */
    void closeStatus(WebSocketCloseStatus status) {
        this.closeStatus = status;
    }

    /**
     * {@code newlines} changes nothing here: a frame holds one object and nothing else, or with
     * {@code lines} one object and its newline either way.
     */
    @Override
    public void sendEncoded(byte[] object) {
        write(frame(object));
    }

    @Override
    public void sendEncoded(byte[] head, byte[] body, int from, int to, boolean flush) {
        if (!flush) {
            batch.add(head, body, from, to);
            return;
        }
        super.sendEncoded(head, body, from, to, true);
    }

    @Override
    public void sendEncoded(byte[] head, byte[] body, boolean flush) {
        if (!flush) {
            batch.add(head, body);
            return;
        }
        flush();
        write(lines ? new TextWebSocketFrame(Unpooled.wrappedBuffer(head, body, NEWLINE))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(head, body)));
    }

    /** One message's frame: the object, and with {@code lines} its newline. */
    private TextWebSocketFrame frame(byte[] object) {
        return new TextWebSocketFrame(lines ? Unpooled.wrappedBuffer(object, NEWLINE) : Unpooled.wrappedBuffer(object));
    }

    /** Whether this connection frames lines (subprotocol {@value WsTransport#LINES}). */
    boolean lines() {
        return lines;
    }

    @Override
    public void flush() {
        if (batch.isEmpty()) {
            return;
        }
        if (!channel.isActive() || stoppedReading()) {
            batch.clear();
            return;
        }
        long bytes = batch.bytes();
        ByteBuf[] chunks = batch.drain();
        inFlight.addAndGet(bytes);
        try {
            channel.eventLoop().execute(() -> {
                inFlight.addAndGet(-bytes);
                // Raw bytes, already framed: they pass the frame encoder untouched, and in one task
                // no control frame comes between two chunks of a frame.
                for (ByteBuf c : chunks) {
                    channel.write(c, channel.voidPromise());
                }
                channel.flush();
            });
        } catch (RejectedExecutionException stopped) {
            inFlight.addAndGet(-bytes);
            for (ByteBuf c : chunks) {
                c.release(); // the event loop is gone, and the connection with it
            }
        }
    }

    private void write(TextWebSocketFrame frame) {
        if (!channel.isActive() || stoppedReading()) {
            frame.release();
            return;
        }
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    /** Completes when the TCP connection has closed. */
    ChannelFuture closeFuture() {
        return channel.closeFuture();
    }

    /** Whether the calling thread is this connection's event loop, which must never wait for it. */
    boolean inEventLoop() {
        return channel.eventLoop().inEventLoop();
    }

    /** Past {@code maxPendingBytes} the peer has stopped reading: closes it (once) and says so. */
    private boolean stoppedReading() {
        if (channel.isWritable()) {
            return false;
        }
        long pending = pendingBytes();
        if (pending <= maxPendingBytes) {
            return false;
        }
        log.warn("{} stopped reading: {} bytes wait to be sent; closing it", this, pending);
        channel.close();
        return true;
    }

    private long pendingBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return (out == null ? 0 : out.totalPendingWriteBytes()) + inFlight.get();
    }

    /** Counts the batch not yet flushed, and flushed batches not yet handed to Netty, as TCP does. */
    @Override
    public boolean isWritable() {
        return batch.bytes() + inFlight.get() < channel.bytesBeforeUnwritable();
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        closeWith(WebSocketCloseStatus.NORMAL_CLOSURE, null);
    }

    @Override
    public void sendAndClose(JsonNode message) {
        if (!channel.isActive()) {
            return;
        }
        channel.writeAndFlush(frame(Json.encode(message)), channel.voidPromise());
        closeWith(closeStatus, null);
    }

    /**
     * Sends a close frame, then closes the TCP connection when the peer answers it or a moment
     * later. Any thread.
     */
    void closeWith(WebSocketCloseStatus status, String reason) {
        if (!channel.isActive() || !claimClose()) {
            return;
        }
        CloseWebSocketFrame frame = reason == null ? new CloseWebSocketFrame(status)
                : new CloseWebSocketFrame(status.code(), reason);
        channel.writeAndFlush(frame).addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                channel.close();
            } else {
                channel.eventLoop().schedule(() -> channel.close(), LINGER_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /**
     * Whether the caller is the one to send this connection's close frame: true once. A close
     * frame is sent once (RFC 6455 §5.5.1): a peer's answer to the server's close is not answered
     * again (Chromium failed a connection sent a second one, and its script saw 1006 instead of
     * the server's code), nor is a server's close sent after the peer's was answered.
     */
    boolean claimClose() {
        return closeSent.compareAndSet(false, true);
    }

    @Override
    public String toString() {
        return name;
    }

    private static String format(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }
}

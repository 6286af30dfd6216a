package io.poxlog.messenger.transport.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.ChannelOutboundBuffer;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Json;
import io.poxlog.messenger.core.SessionIds;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A messenger {@link Connection} over one Netty channel, called from the threads
 * {@link Connection} says. Output above the channel's high-water mark makes it
 * unwritable (the log service then drops for it alone); output past {@code maxPendingBytes}
 * means the peer stopped reading entirely, and the connection is closed rather than let it
 * hold unbounded memory.
 */
final class TcpConnection extends Connection {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");
    private static final byte[] NEWLINE = {'\n'};
    /** How long a connection closed for bad input lingers, half-closed, so its error arrives. */
    static final long LINGER_MS = 1000;

    private final Channel channel;
    private final boolean dialled;
    private final long maxPendingBytes;
    private final String name;
    private final WriteBatch batch;
    /**
     * What the channel could take before turning unwritable, as read at the batch's first check
     * since its last flush ({@link #isWritable}); -1 once it must be read again. Batch thread only.
     */
    private long room = -1;
    /**
     * Bytes a flush handed to the event loop that its task has not yet written to the channel:
     * counted with Netty's own until then ({@link #isWritable}). Added by the batch's thread,
     * taken by the event loop.
     */
    private final AtomicLong inFlight = new AtomicLong();

    TcpConnection(Channel channel, boolean dialled, long maxPendingBytes) {
        super(SessionIds.next());
        this.channel = channel;
        this.dialled = dialled;
        this.maxPendingBytes = maxPendingBytes;
        this.batch = new WriteBatch(channel.alloc());
        this.name = "TCPConnection " + format(channel.localAddress()) + "/" + format(channel.remoteAddress());
    }

    @Override
    public boolean dialled() {
        return dialled;
    }

    @Override
    public void sendEncoded(byte[] object) {
        write(newlines() ? Unpooled.wrappedBuffer(object, NEWLINE) : Unpooled.wrappedBuffer(object));
    }

    /**
     * With {@code flush} false the parts are copied into the batch's buffers and wait there
     * until {@link #flush}, which hands them to the event loop in one task that writes them and
     * flushes once: one task per batch instead of one per record.
     */
    @Override
    public void sendEncoded(byte[] head, byte[] body, int from, int to, boolean flush) {
        if (!flush) {
            batch.add(head, body, from, to, newlines());
            return;
        }
        super.sendEncoded(head, body, from, to, true);
    }

    @Override
    public void sendEncoded(byte[] head, byte[] body, boolean flush) {
        if (!flush) {
            batch.add(head, body, newlines());
            return;
        }
        flush();
        write(newlines() ? Unpooled.wrappedBuffer(head, body, NEWLINE) : Unpooled.wrappedBuffer(head, body), true);
    }

    /** The channel's event loop: a flush made there writes the batch at once. */
    @Override
    public Executor ioExecutor() {
        return channel.eventLoop();
    }

    /**
     * Hands the batch to the event loop in one task, which writes its chunks and flushes once:
     * written one by one from this thread, each chunk was a task of its own.
     */
    @Override
    public void flush() {
        room = -1; // what is written now counts against the channel
        if (batch.isEmpty()) {
            return;
        }
        if (!channel.isActive()) {
            batch.clear();
            return;
        }
        int bytes = batch.bytes();
        ByteBuf[] chunks = batch.drain();
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            writeAll(chunks);
            return;
        }
        inFlight.addAndGet(bytes);
        try {
            loop.execute(() -> {
                writeAll(chunks);
                inFlight.addAndGet(-bytes); // after: counted twice a moment rather than not at all
            });
        } catch (RejectedExecutionException e) {
            inFlight.addAndGet(-bytes); // the loop is shutting down: the channel is closing
            release(chunks, 0);
        }
    }

    /** Event loop: writes the chunks in order and flushes after the last. */
    private void writeAll(ByteBuf[] chunks) {
        for (int i = 0; i < chunks.length; i++) {
            if (!write(chunks[i], i == chunks.length - 1)) {
                release(chunks, i + 1); // closed: the rest goes nowhere
                return;
            }
        }
    }

    private static void release(ByteBuf[] chunks, int from) {
        for (int j = from; j < chunks.length; j++) {
            chunks[j].release();
        }
    }

    private void write(ByteBuf buf) {
        write(buf, true);
    }

    /** Writes {@code buf}, or releases it and returns false when the connection is closed or closing. */
    private boolean write(ByteBuf buf, boolean flush) {
        if (!channel.isActive()) {
            buf.release();
            return false;
        }
        if (!channel.isWritable() && pendingBytes() > maxPendingBytes) {
            buf.release();
            log.warn("{} stopped reading: {} bytes wait to be sent; closing it", this, pendingBytes());
            channel.close();
            return false;
        }
        if (flush) {
            channel.writeAndFlush(buf, channel.voidPromise());
        } else {
            channel.write(buf, channel.voidPromise());
        }
        return true;
    }

    private long pendingBytes() {
        ChannelOutboundBuffer out = channel.unsafe().outboundBuffer();
        return out == null ? 0 : out.totalPendingWriteBytes();
    }

    /**
     * Counts the batch not yet flushed with what Netty holds: the log service builds a whole
     * drain's batch before it flushes, and asked of Netty alone, a subscriber that stopped reading
     * took every record of the drain, however many megabytes (issue 10: 180 MB in one batch).
     *
     * <p>Netty's side is read once per batch, and again only when the batch reaches it: reading
     * it per record (the channel's outbound buffer, which its I/O thread keeps writing) was a
     * quarter of the log-service thread with 100 subscribers. Between two reads the I/O thread
     * can only have made room, so the batch never passes the mark; other threads' sends made
     * meanwhile (replies, errors: a few bytes) are counted at the next read.
     */
    @Override
    public boolean isWritable() {
        int held = batch.bytes();
        if (held < room) {
            return true;
        }
        room = channel.bytesBeforeUnwritable() - inFlight.get();
        return held < room;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public void close() {
        channel.close();
    }

    @Override
    public void sendAndClose(JsonNode message) {
        if (!channel.isActive()) {
            return;
        }
        byte[] bytes = Json.encode(message);
        ByteBuf buf = newlines() ? Unpooled.wrappedBuffer(bytes, NEWLINE) : Unpooled.wrappedBuffer(bytes);
        channel.writeAndFlush(buf).addListener(f -> lingeringClose(channel));
    }

    /**
     * Half-closes, then closes a moment later. Closing at once while the peer's input is still
     * unread (a flood, an oversized frame) makes TCP reset the connection, and a reset can destroy
     * the error just sent before the peer reads it. Meanwhile the handlers discard what arrives.
     */
    static void lingeringClose(Channel ch) {
        if (ch instanceof SocketChannel s && s.isActive() && !s.isOutputShutdown()) {
            s.shutdownOutput().addListener(done -> s.eventLoop().schedule(() -> s.close(), LINGER_MS, TimeUnit.MILLISECONDS));
        } else {
            ch.close();
        }
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

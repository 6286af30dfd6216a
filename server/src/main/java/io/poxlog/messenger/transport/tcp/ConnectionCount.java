package io.poxlog.messenger.transport.tcp;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.poxlog.messenger.core.ErrorMessages;
import io.poxlog.messenger.core.Json;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds the connections one listening transport holds at once. A connection over the limit is
 * sent one error and closed before it is welcomed, so it never reaches the nexus. Thread-safe:
 * channels are admitted on every I/O thread.
 */
final class ConnectionCount {
    private static final Logger log = LoggerFactory.getLogger("messenger.tcp_transport");

    private final int max;
    private final AtomicInteger open = new AtomicInteger();

    ConnectionCount(int max) {
        this.max = max;
    }

    /** Counts {@code ch} until it closes; or refuses it when the limit is reached. */
    boolean admit(Channel ch) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            log.warn("Refused a connection from {}: {} connections is the limit", ch.remoteAddress(), max);
            byte[] error = Json.encode(ErrorMessages.of(null, null, "this server already has " + max
                    + " connections, its limit; try again later"));
            ch.writeAndFlush(Unpooled.wrappedBuffer(error)).addListener(ChannelFutureListener.CLOSE);
            return false;
        }
        ch.closeFuture().addListener(f -> open.decrementAndGet());
        return true;
    }

    int open() {
        return open.get();
    }
}

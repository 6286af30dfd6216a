package io.poxlog.viewer.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Requests waiting for their replies, by {@code XID}: the client gives each request an XID of its
 * own (a string no POX client uses), and the reply that carries it completes the request's
 * future, or fails it when it is an error. Any thread registers; the reading thread completes;
 * a timeout or the connection's end fails what is left.
 */
final class Requests {
    private final Map<String, CompletableFuture<ObjectNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final String source;

    Requests(String source) {
        this.source = source;
    }

    String nextXid() {
        return "poxlog-" + next.incrementAndGet();
    }

    /** A future for the reply to {@code xid}, failed if none comes within {@code timeout}. */
    CompletableFuture<ObjectNode> register(String xid, Duration timeout) {
        CompletableFuture<ObjectNode> f = new CompletableFuture<>();
        pending.put(xid, f);
        f.whenComplete((r, e) -> pending.remove(xid, f));
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(() ->
                f.completeExceptionally(new TimeoutException("no answer from " + source + " within "
                        + timeout.toSeconds() + " s")));
        return f;
    }

    /** Completes the request {@code m} answers; false when no request waits for it. Reading thread. */
    boolean complete(String xid, Message m) {
        CompletableFuture<ObjectNode> f = pending.get(xid);
        if (f == null) {
            return false;
        }
        ObjectNode reply = m.tree();
        if (m.isError()) {
            f.completeExceptionally(new ServerErrorException(reply.path("error").asText("")));
        } else {
            f.complete(reply);
        }
        return true;
    }

    void fail(String xid, IOException why) {
        CompletableFuture<ObjectNode> f = pending.get(xid);
        if (f != null) {
            f.completeExceptionally(why);
        }
    }

    /** Fails every request still waiting: the connection they were sent on ended. */
    void failAll(String why) {
        for (CompletableFuture<ObjectNode> f : pending.values()) {
            f.completeExceptionally(new IOException(why));
        }
    }
}

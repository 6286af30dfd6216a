package io.poxlog.web;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One request and its answer, as a {@link WebHandler} sees it. The answer may come at once or
 * later, from any thread: the first {@link #respond} wins and the rest return false. A request
 * left unanswered is held for at most the server's {@code maxHold} ({@link #hold}), then answered
 * for the handler. The connection reads nothing more until the answer is written, so a held
 * request costs the server one connection and no buffered input.
 *
 * <p>{@link #respond}, {@link #answered} and {@link #onAbandoned} may be called from any thread;
 * {@link #takeOver} only from the handler, on the I/O thread.
 */
public final class WebExchange {
    /** Content types a page of any site can make a browser send without asking (CORS's "simple" ones). */
    private static final Set<String> SIMPLE_TYPES = Set.of("application/x-www-form-urlencoded",
            "multipart/form-data", "text/plain");

    private final WebRequest request;
    private final String mountedAt;
    private final String subpath;
    private final Channel channel;
    private final WebConnectionHandler connection;
    private final ServedNames names;
    private final Duration maxHold;
    private final AtomicBoolean done = new AtomicBoolean();
    private final List<Runnable> abandoned = new CopyOnWriteArrayList<>();
    private volatile boolean held;
    private volatile Consumer<Boolean> written;
    private ScheduledFuture<?> holdTimer; // I/O thread only

    WebExchange(WebRequest request, String mountedAt, String subpath, Channel channel,
                WebConnectionHandler connection, ServedNames names, Duration maxHold) {
        this.request = request;
        this.mountedAt = mountedAt;
        this.subpath = subpath;
        this.channel = channel;
        this.connection = connection;
        this.names = names;
        this.maxHold = maxHold;
    }

    public WebRequest request() {
        return request;
    }

    /** The prefix the handler was mounted at: {@code /_webmsg}. */
    public String mountedAt() {
        return mountedAt;
    }

    /** The request's path after {@link #mountedAt}, still percent-encoded: {@code /abc}; empty for the prefix itself. */
    public String subpath() {
        return subpath;
    }

    /** The longest a request may be held (the server's limit). */
    public Duration maxHold() {
        return maxHold;
    }

    /**
     * Answers the request; any thread. Returns false, and writes nothing, when it was answered
     * already, taken over, or the client went away. The answer is written by a task of the
     * connection's I/O thread, never inside this call.
     */
    public boolean respond(WebResponse response) {
        return respond(response, null);
    }

    /**
     * As {@link #respond(WebResponse)}, and then tells {@code whenWritten}, on the I/O thread,
     * whether the whole answer was written to the socket (false: the client went first, or the
     * write failed), for a handler that must know whether what it sent left (a long poll that
     * sends its batch again otherwise). Not told when this returns false.
     */
    public boolean respond(WebResponse response, Consumer<Boolean> whenWritten) {
        if (!done.compareAndSet(false, true)) {
            return false;
        }
        written = whenWritten;
        // Always a task of its own, even on the I/O thread: the write, its listeners and the next
        // pipelined request (another handler) then never run inside the caller, which may hold
        // locks of its own (a session answering its long poll).
        try {
            channel.eventLoop().execute(() -> connection.answer(this, response));
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            return false; // the server has stopped: nothing can be written
        }
        return true;
    }

    /** Whether it has been answered (or taken over, or abandoned by its client). */
    public boolean answered() {
        return done.get();
    }

    /**
     * Keeps the request for an answer from another thread (a long poll): unless answered within
     * {@code wait} (at most the server's {@code maxHold}), it is answered with what
     * {@code whenDue} gives then. Any thread; a second call replaces the first's wait.
     */
    public void hold(Duration wait, Supplier<WebResponse> whenDue) {
        held = true;
        Duration d = wait.compareTo(maxHold) > 0 || wait.isNegative() ? maxHold : wait;
        channel.eventLoop().execute(() -> {
            cancelHold();
            if (done.get()) {
                return;
            }
            holdTimer = channel.eventLoop().schedule(() -> {
                WebResponse r;
                try {
                    r = whenDue.get();
                } catch (RuntimeException e) {
                    r = WebResponse.error(500, "internal error in the handler of " + mountedAt + " at the end of "
                            + "a held request; the server's log has it");
                    connection.handlerFailed(this, e);
                }
                respond(r);
            }, d.toNanos(), TimeUnit.NANOSECONDS);
        });
    }

    /**
     * Runs {@code r} (on the I/O thread) if the client goes away before the answer is written,
     * so that a handler holding the request can let it go.
     */
    public void onAbandoned(Runnable r) {
        abandoned.add(r);
    }

    /**
     * Hands the connection over (a WebSocket upgrade): the server stops answering requests on it
     * and calls {@code takeover} once the handler returns. Only from the handler, before
     * answering; check {@link #checkOrigin} first.
     */
    public void takeOver(WebTakeover takeover) {
        if (!channel.eventLoop().inEventLoop()) {
            throw new IllegalStateException("takeOver is for the handler, on the connection's I/O thread");
        }
        if (!done.compareAndSet(false, true)) {
            throw new IllegalStateException("the request was answered already");
        }
        connection.takeOver(this, takeover);
    }

    /**
     * Whether a browser page may change state here: the request has no {@code Origin} (it is not
     * from a browser), or its origin is the server's own or one of {@code --allowed_origins}.
     * When not, it has been answered 403 naming the origin.
     */
    public boolean checkOrigin() {
        String problem = names.originProblem(request.header(HttpHeaderNames.ORIGIN.toString()),
                request.header(HttpHeaderNames.HOST.toString()));
        if (problem == null) {
            return true;
        }
        respond(WebResponse.error(403, problem));
        return false;
    }

    /**
     * Whether the request is one a page of another site cannot make a browser send without asking
     * first (a CORS preflight, which this server grants to {@code --allowed_origins} only): its {@code Content-Type} is not
     * one of the simple ones (form data, text/plain, none), or it carries one of
     * {@code customHeaders}. When not, it has been answered 415.
     */
    public boolean checkNotSimple(String... customHeaders) {
        for (String h : customHeaders) {
            if (request.header(h) != null) {
                return true;
            }
        }
        String type = request.header(HttpHeaderNames.CONTENT_TYPE.toString());
        String media = type == null ? null : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (media != null && !media.isEmpty() && !SIMPLE_TYPES.contains(media)) {
            return true;
        }
        respond(WebResponse.error(415, "a request that changes anything must have a Content-Type such as "
                + "application/json" + (customHeaders.length == 0 ? "" : " or a header " + String.join(" or ", customHeaders))
                + ", not " + (type == null ? "none" : "'" + ServedNames.shorten(type) + "'")
                + ": a page of any site can make a browser send that"));
        return false;
    }

    /** {@link #checkOrigin} and {@link #checkNotSimple}: for every request that changes anything. */
    public boolean checkStateChange(String... customHeaders) {
        return checkOrigin() && checkNotSimple(customHeaders);
    }

    // ---- the connection's, on the I/O thread

    /** Tells the handler that asked ({@link #respond(WebResponse, java.util.function.Consumer)}) how the write went. */
    void written(boolean ok) {
        Consumer<Boolean> w = written;
        written = null;
        if (w != null) {
            try {
                w.accept(ok);
            } catch (RuntimeException e) {
                connection.handlerFailed(this, e);
            }
        }
    }

    boolean wasHeld() {
        return held;
    }

    void cancelHold() {
        if (holdTimer != null) {
            holdTimer.cancel(false);
            holdTimer = null;
        }
    }

    /** The client went away unanswered (an answer already given, still on its way, is not abandoned). */
    void abandon() {
        cancelHold();
        if (!done.compareAndSet(false, true)) {
            return;
        }
        for (Runnable r : abandoned) {
            try {
                r.run();
            } catch (RuntimeException e) {
                connection.handlerFailed(this, e);
            }
        }
    }

    @Override
    public String toString() {
        return request.toString();
    }
}

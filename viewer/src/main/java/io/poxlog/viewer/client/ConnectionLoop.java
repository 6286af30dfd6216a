package io.poxlog.viewer.client;

import java.util.concurrent.TimeUnit;

/**
 * The client's own thread, for a {@link MessengerClient}: one connection after another, each
 * made, served to its end ({@link ClientConnection}) and cleaned up after (its requests failed,
 * its unsent messages counted and said), with backoff between them; a refusal waited out until
 * {@link #retry}; a once-only client closed when its connection ends. It alone changes the
 * client's state, and reports every change to the listener. Not for what goes over a connection:
 * {@link MessengerClient} queues it, {@link ClientConnection} carries it.
 *
 * <p>Threads: "{@code <threadName>-<host:port>}" runs the loop and every listener callback; it
 * survives anything a message or a listener throws. {@link #status}, {@link #current}, {@link
 * #closed}, {@link #retry}, {@link #close} and {@link #await} may be called from any thread.
 */
final class ConnectionLoop {
    private final Endpoint endpoint;
    private final String source;
    private final ClientOptions options;
    /** The JDK HTTP client of a WebSocket endpoint's connections; null for TCP. */
    private final WsWire.Client webSockets;
    private final MessengerClient.Listener listener;
    private final Outbound outbound;
    private final Requests requests;
    /** Guards the waits between attempts, so that {@link #retry} and {@link #close} end them. */
    private final Object lock = new Object();
    private boolean retryNow;
    private volatile boolean closed;
    private volatile SourceStatus status;
    private volatile ClientConnection current;
    private Thread thread;

    ConnectionLoop(Endpoint endpoint, ClientOptions options, MessengerClient.Listener listener, Outbound outbound,
            Requests requests) {
        this.endpoint = endpoint;
        this.source = endpoint.source();
        this.options = options;
        this.webSockets = endpoint.webSocket() ? new WsWire.Client(options.threadName() + "-" + source) : null;
        this.listener = listener;
        this.outbound = outbound;
        this.requests = requests;
        this.status = new SourceStatus(source, ConnectionState.CONNECTING, "", 0);
    }

    SourceStatus status() {
        return status;
    }

    /** The connection being made or served, or null between connections. */
    ClientConnection current() {
        return current;
    }

    boolean closed() {
        return closed;
    }

    /** Starts the client's thread, once; not after {@link #close}. */
    synchronized void start() {
        if (thread == null && !closed) {
            thread = new Thread(this::run, options.threadName() + "-" + source);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Ends a refusal or the wait before the next attempt: connect again now. */
    void retry() {
        synchronized (lock) {
            ConnectionState s = status.state();
            if (s == ConnectionState.REFUSED || s == ConnectionState.RECONNECTING) {
                retryNow = true;
                lock.notifyAll();
            }
        }
    }

    /** Closes the connection and ends the client's threads (waiting for them a few seconds). */
    void close() {
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        ClientConnection c = current;
        if (c != null) {
            c.abort();
        }
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        setState(ConnectionState.CLOSED, status.state() == ConnectionState.CLOSED ? status.detail() : "", 0);
    }

    /** Waits for the client's thread to end (after {@link #close}, or a once-only connection's end). */
    void await(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.join(unit.toMillis(timeout));
        }
    }

    // ---- the client's thread ----

    private void run() {
        Backoff backoff = new Backoff(options.firstRetry(), options.maxRetry());
        while (!closed) {
            try {
                round(backoff);
            } catch (Throwable t) {
                // The last resort (a listener's Error from a state change, say): the thread that
                // serves this controller must not die of it, or its status would lie from now on.
                long delay = backoff.next();
                setState(ConnectionState.RECONNECTING, "the client failed: " + t, System.currentTimeMillis() + delay);
                waitBeforeRetry(delay);
            }
        }
        if (status.state() != ConnectionState.CLOSED) {
            setState(ConnectionState.CLOSED, "", 0);
        }
    }

    /** One attempt: waits out a refusal, connects, serves, ends, and waits before the next. */
    private void round(Backoff backoff) {
        if (status.state() == ConnectionState.REFUSED) {
            waitBeforeRetry(Long.MAX_VALUE); // until retry() or close()
            if (closed) {
                return;
            }
            backoff.reset();
        }
        synchronized (lock) {
            retryNow = false;
        }
        setState(ConnectionState.CONNECTING, "", 0);
        Wire wire = webSockets != null ? new WsWire(endpoint, options, webSockets) : new TcpWire(endpoint, options);
        ClientConnection a = new ClientConnection(endpoint, wire, options, listener, requests, outbound, this::ready, this::report);
        current = a;
        if (closed) {
            a.abort(); // close() may have looked for a connection before this one was there
        }
        String reason;
        boolean failed = false;
        try {
            reason = a.serve();
        } catch (Throwable t) {
            failed = true;
            // Anything a message or a listener threw (an OutOfMemoryError too): this
            // connection ends, the client goes on.
            reason = "dropped the connection after failing on a message: " + t;
            report("failed on a message from " + source + " (" + t + "); "
                    + (options.reconnect() ? "reconnecting" : "closing"));
        }
        end(a, reason);
        if (closed) {
            return;
        }
        if (a.refused() != null) {
            setState(ConnectionState.REFUSED, a.refused(), 0);
            return;
        }
        if (!options.reconnect()) {
            closed = true;
            setState(ConnectionState.CLOSED, reason, 0);
            return;
        }
        if (a.proven() && !failed) {
            backoff.reset(); // not after a failure of ours: one that repeats on every resume backs off too
        }
        long delay = backoff.next();
        setState(ConnectionState.RECONNECTING, reason, System.currentTimeMillis() + delay);
        waitBeforeRetry(delay);
    }

    private void waitBeforeRetry(long millis) {
        long deadline = millis == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + millis * 1_000_000;
        synchronized (lock) {
            while (!closed && !retryNow) {
                long left = deadline == Long.MAX_VALUE ? 0 : (deadline - System.nanoTime()) / 1_000_000;
                if (deadline != Long.MAX_VALUE && left <= 0) {
                    break;
                }
                try {
                    lock.wait(left); // the backoff itself (0 waits until told)
                } catch (InterruptedException e) {
                    closed = true;
                }
            }
            retryNow = false;
        }
    }

    /** Ends a connection: closes it, stops its writer, and fails or drops what was waiting on it. */
    private void end(ClientConnection c, String reason) {
        try {
            c.end();
        } catch (InterruptedException e) {
            closed = true;
        }
        current = null;
        requests.failAll(source + " disconnected (" + reason + ")");
        int dropped = outbound.discard();
        if (dropped > 0 && !closed) {
            report(dropped + (dropped == 1 ? " message" : " messages") + " waiting to be sent to " + source
                    + " were not sent: the connection ended");
        }
    }

    /** The connection's handshake is done. */
    private void ready() {
        setState(ConnectionState.CONNECTED, "", 0);
    }

    private void report(String error) {
        try {
            listener.onError(error);
        } catch (RuntimeException ignored) {
            // a listener's failure must not stop the client (an Error reaches run's last resort)
        }
    }

    private void setState(ConnectionState state, String detail, long retryAtMillis) {
        SourceStatus s = new SourceStatus(source, state, detail, retryAtMillis);
        status = s;
        try {
            listener.onState(s);
        } catch (RuntimeException ignored) {
            // a listener's failure must not stop the client
        }
    }
}

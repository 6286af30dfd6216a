package io.poxlog.viewer.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The messenger's WebSocket transport under a {@link ClientConnection} (PROTOCOL.md §12), on the
 * JDK's {@code java.net.http.WebSocket}: one JSON object per text message each way; the JDK
 * answers the controller's pings.
 *
 * <p>Bounded as the TCP stream is. The JDK hands a text message over in parts as they arrive;
 * they are joined here only up to {@link ClientOptions#maxMessageBytes} (counted in UTF-8 bytes):
 * past it the parts are counted and dropped until the message's last, and {@link #next} returns
 * {@link MessageReader#OVERSIZED} in its place. Whole messages wait for the reading thread in a
 * queue of at most {@link #MAX_QUEUED} messages and {@code maxMessageBytes} bytes; while it is
 * full the JDK is asked for nothing more, so it stops reading the socket and a flood waits in
 * the network, as on TCP.
 *
 * <p>Threads: as {@link Wire}; the JDK's listener runs on the threads of the {@link Client}
 * (one at a time, the JDK guarantees), and hands over under {@link #lock}.
 */
final class WsWire implements Wire {
    /** Whole messages waiting for the reading thread, at most. */
    static final int MAX_QUEUED = 1024;

    /** What the listener hands the reader: a message, or the size of one dropped. */
    private record Received(byte[] bytes, long oversized) {
    }

    private static final Received END = new Received(null, 0);

    private final Endpoint endpoint;
    private final ClientOptions options;
    private final Client client;
    private final int maxBytes;
    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Received> queue = new ArrayDeque<>();
    private long queuedBytes;
    /** The listener asked the JDK for nothing more: the queue was full. */
    private boolean paused;
    private boolean ended;
    private String endReason = "";
    private IOException failure;
    // reading thread only
    private long readTimeoutMillis;
    private long lastSkipped;
    private boolean endOfStream;

    private volatile boolean aborted;
    private volatile CompletableFuture<WebSocket> opening;
    private volatile WebSocket socket;

    WsWire(Endpoint endpoint, ClientOptions options, Client client) {
        this.endpoint = endpoint;
        this.options = options;
        this.client = client;
        this.maxBytes = options.maxMessageBytes();
    }

    @Override
    public void connect(int timeoutMillis, Consumer<String> phase) throws IOException {
        phase.accept(endpoint.secure() ? "TLS and WebSocket handshake" : "WebSocket handshake");
        readTimeoutMillis = timeoutMillis;
        CompletableFuture<WebSocket> f = client.http(options).newWebSocketBuilder()
                .connectTimeout(Duration.ofMillis(timeoutMillis))
                .buildAsync(endpoint.uri(), new Listener());
        opening = f;
        if (aborted) {
            f.cancel(true);
        }
        try {
            socket = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new SocketTimeoutException("no WebSocket handshake within " + timeoutMillis / 1000 + " s");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        } catch (java.util.concurrent.CancellationException e) {
            throw new IOException("closed");
        } catch (ExecutionException e) {
            throw WsOpeningFailure.of(endpoint, e.getCause());
        }
        if (aborted) {
            socket.abort();
            throw new IOException("closed");
        }
    }

    @Override
    public void readTimeout(int millis) {
        readTimeoutMillis = millis;
    }

    @Override
    public byte[] next() throws IOException {
        Received r;
        boolean resume;
        WebSocket ws;
        synchronized (lock) {
            long deadline = readTimeoutMillis == 0 ? 0 : System.nanoTime() + readTimeoutMillis * 1_000_000;
            while (queue.isEmpty() && !ended) {
                long left = deadline == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000;
                if (deadline != 0 && left <= 0) {
                    throw new SocketTimeoutException("no message within " + readTimeoutMillis / 1000 + " s");
                }
                try {
                    lock.wait(deadline == 0 ? 0 : left); // the reader's read, as a socket's blocks
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while reading");
                }
            }
            r = queue.poll();
            if (r == null) {
                if (failure != null) {
                    throw failure;
                }
                endOfStream = true;
                return null;
            }
            queuedBytes -= r.bytes == null ? 0 : r.bytes.length;
            resume = paused && !full();
            if (resume) {
                paused = false;
            }
            ws = socket;
        }
        if (resume && ws != null) {
            ws.request(1);
        }
        if (r.bytes == null) {
            lastSkipped = r.oversized;
            return MessageReader.OVERSIZED;
        }
        return r.bytes;
    }

    /** Guarded by lock. */
    private boolean full() {
        return queue.size() >= MAX_QUEUED || queuedBytes >= maxBytes;
    }

    @Override
    public long skippedBytes() {
        return lastSkipped;
    }

    @Override
    public boolean endOfStream() {
        return endOfStream;
    }

    @Override
    public String endReason() {
        synchronized (lock) {
            return endReason;
        }
    }

    /** Sends one text message and waits until the JDK has written it (it takes one send at a time). */
    @Override
    public void write(byte[] message) throws IOException {
        WebSocket ws = socket;
        if (ws == null || aborted) {
            throw new IOException("closed");
        }
        try {
            ws.sendText(new String(message, StandardCharsets.UTF_8), true).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        } catch (ExecutionException e) {
            throw new IOException(WsOpeningFailure.message(e.getCause()), e.getCause());
        }
    }

    @Override
    public void flush() {
        // every write is sent whole already
    }

    @Override
    public void abort() {
        aborted = true;
        CompletableFuture<WebSocket> f = opening;
        if (f != null) {
            f.cancel(true);
        }
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        end("", new IOException("closed"));
    }

    /** The end of the messages: wakes the reader, which reads what was received first. Any thread. */
    private void end(String reason, IOException error) {
        synchronized (lock) {
            if (!ended) {
                ended = true;
                endReason = reason;
                failure = error;
                lock.notifyAll();
            }
        }
    }

    /** The JDK's listener: joins the parts of each text message, within the bound, and hands them over. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();
        /** UTF-8 bytes of the message being received so far. */
        private long bytes;
        /** The message being received is over the limit: its parts are counted and dropped. */
        private boolean skipping;

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            bytes += utf8Length(data);
            if (!skipping && bytes > maxBytes) {
                skipping = true;
                text.setLength(0);
                text.trimToSize(); // the joined parts go now, not at the message's end
            }
            if (!skipping) {
                text.append(data);
            }
            Received r = null;
            if (last) {
                r = skipping ? new Received(null, bytes) : new Received(text.toString().getBytes(StandardCharsets.UTF_8), 0);
                text.setLength(0);
                if (text.capacity() > 64 * 1024) {
                    text.trimToSize();
                }
                bytes = 0;
                skipping = false;
            }
            handOver(ws, r);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            // The messenger's messages are text (PROTOCOL.md §12), as the server closes a client's
            // binary frame with 1003: so do we, and the client connects again.
            end("", new IOException("the controller sent a binary WebSocket message; the messenger's messages are text"));
            ws.sendClose(1003, "text messages only").exceptionally(e -> null);
            ws.abort();
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            handOver(ws, null); // the JDK sends the pong itself
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            handOver(ws, null);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            // Returning at once lets the JDK answer the close, as RFC 6455 wants.
            end("WebSocket close " + statusCode + (reason == null || reason.isEmpty() ? "" : ": " + reason), null);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            end("", new IOException(WsOpeningFailure.message(error), error));
        }

        /** Queues {@code r} (when not null) and asks for the next part unless the queue is full. */
        private void handOver(WebSocket ws, Received r) {
            boolean more;
            synchronized (lock) {
                if (r != null && !ended) {
                    queue.add(r);
                    queuedBytes += r.bytes == null ? 0 : r.bytes.length;
                    lock.notifyAll();
                }
                more = !full();
                paused = !more;
            }
            if (more) {
                ws.request(1);
            }
        }
    }

    /** The UTF-8 length of {@code s}: a surrogate counts 2, so a pair counts 4, wherever the parts split it. */
    static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
        }
        return n;
    }

    /**
     * The JDK HTTP client a {@link MessengerClient}'s WebSocket connections are made with, one for
     * all its reconnections (each client has a thread of its own the JDK keeps until it is
     * collected), and its listener threads, named after the controller. Any thread.
     */
    static final class Client {
        private final String threadName;
        private HttpClient http;

        Client(String threadName) {
            this.threadName = threadName;
        }

        synchronized HttpClient http(ClientOptions options) {
            if (http == null) {
                AtomicInteger n = new AtomicInteger();
                // Threads come and go with the connection; none stays when idle.
                ExecutorService executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, threadName + "-ws-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                        .connectTimeout(options.timeout());
                if (options.tls() != null) {
                    b.sslContext(options.tls().context()); // else the JDK's default: the system's CAs
                }
                http = b.build();
            }
            return http;
        }
    }
}

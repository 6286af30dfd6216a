package io.poxlog.viewer.client;

import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The messages waiting to be written to a messenger: a bounded queue that callers on any thread
 * add to without ever blocking (unless they ask to wait), and the loop a connection's writer
 * thread runs to write them. A full queue means the controller is not reading what it is sent:
 * the message is refused, counted and the caller told so, rather than the caller made to wait
 * (a terminal UI that waits on a socket freezes).
 */
final class Outbound {
    private final int limit;
    private final BlockingQueue<byte[]> queue;
    private final AtomicLong notSent = new AtomicLong();
    /**
     * Messages queued and not yet written and flushed, or dropped: counted before a message enters
     * the queue and after its flush, so that no moment (the writer holding a message it took but
     * has not written) looks like "all written". Guarded by {@link #written}.
     */
    private final Object written = new Object();
    private long unwritten;

    Outbound(int limit) {
        this.limit = limit;
        this.queue = new ArrayBlockingQueue<>(limit);
    }

    /** Queues {@code bytes} if there is room now. Any thread. */
    SendResult offer(byte[] bytes) {
        counted(1);
        if (queue.offer(bytes)) {
            return SendResult.QUEUED;
        }
        counted(-1);
        return refused();
    }

    /** Queues {@code bytes}, waiting up to {@code waitNanos} for room. Any thread. */
    SendResult offer(byte[] bytes, long waitNanos) throws InterruptedException {
        counted(1);
        boolean queued = false;
        try {
            queued = queue.offer(bytes, waitNanos, TimeUnit.NANOSECONDS);
        } finally {
            if (!queued) {
                counted(-1);
            }
        }
        return queued ? SendResult.QUEUED : refused();
    }

    /** Counts messages that entered the queue (or, negative, left it written or dropped). */
    private void counted(long n) {
        synchronized (written) {
            unwritten += n;
            if (unwritten == 0) {
                written.notifyAll();
            }
        }
    }

    private SendResult refused() {
        notSent.incrementAndGet();
        return SendResult.notSent("the controller is not reading: " + String.format("%,d", limit)
                + " messages wait to be sent already");
    }

    /** Counts messages that were not sent for another reason (not connected, the connection ended). */
    void countNotSent(long n) {
        notSent.addAndGet(n);
    }

    /** Messages refused or dropped unsent, since the client was made. */
    long notSent() {
        return notSent.get();
    }

    /** Drops what waits (the connection it was for ended); returns how many, counted as not sent. */
    int discard() {
        int n = 0;
        while (queue.poll() != null) {
            n++;
        }
        notSent.addAndGet(n);
        counted(-n);
        return n;
    }

    /**
     * Writes queued messages to {@code out} until interrupted (the connection ends) or a write
     * fails: whatever has gathered is written together and flushed once. Writer thread only.
     */
    void writeUntilEnd(Wire out) throws IOException, InterruptedException {
        while (true) {
            byte[] m = queue.take();
            int n = 1;
            try {
                out.write(m);
                while ((m = queue.poll()) != null) {
                    n++;
                    out.write(m);
                }
                out.flush();
            } catch (IOException e) {
                notSent.addAndGet(n); // those taken; the rest are discarded and counted
                throw e;
            } finally {
                counted(-n);
            }
        }
    }

    /** Waits until nothing waits to be written (or {@code timeoutNanos} passed); true if so. Any thread. */
    boolean awaitWritten(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (written) {
            while (unwritten > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                written.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}

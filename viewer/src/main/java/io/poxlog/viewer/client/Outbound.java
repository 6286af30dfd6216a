package io.poxlog.viewer.client;

import java.io.IOException;
import java.io.OutputStream;
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
    /** Guards {@link #writing} and the wait for everything to be written. */
    private final Object written = new Object();
    private boolean writing;

    Outbound(int limit) {
        this.limit = limit;
        this.queue = new ArrayBlockingQueue<>(limit);
    }

    /** Queues {@code bytes} if there is room now. Any thread. */
    SendResult offer(byte[] bytes) {
        if (queue.offer(bytes)) {
            return SendResult.QUEUED;
        }
        return refused();
    }

    /** Queues {@code bytes}, waiting up to {@code waitNanos} for room. Any thread. */
    SendResult offer(byte[] bytes, long waitNanos) throws InterruptedException {
        if (queue.offer(bytes, waitNanos, TimeUnit.NANOSECONDS)) {
            return SendResult.QUEUED;
        }
        return refused();
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
        int n = queue.size();
        queue.clear();
        notSent.addAndGet(n);
        return n;
    }

    /**
     * Writes queued messages to {@code out} until interrupted (the connection ends) or a write
     * fails: whatever has gathered is written together and flushed once. Writer thread only.
     */
    void writeUntilEnd(OutputStream out) throws IOException, InterruptedException {
        try {
            while (true) {
                byte[] m = queue.take();
                synchronized (written) {
                    writing = true;
                }
                try {
                    out.write(m);
                    while ((m = queue.poll()) != null) {
                        out.write(m);
                    }
                    out.flush();
                } catch (IOException e) {
                    notSent.incrementAndGet(); // at least the one being written; the rest are discarded and counted
                    throw e;
                }
                idle();
            }
        } finally {
            idle();
        }
    }

    private void idle() {
        synchronized (written) {
            writing = false;
            written.notifyAll();
        }
    }

    /** Waits until nothing waits to be written (or {@code timeoutNanos} passed); true if so. Any thread. */
    boolean awaitWritten(long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (written) {
            while (writing || !queue.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                // The writer notifies after each flush; a message queued meanwhile is seen on the next.
                written.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}

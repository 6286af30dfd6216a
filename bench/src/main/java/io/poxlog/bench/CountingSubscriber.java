package io.poxlog.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * A headless subscriber: a real TCP client that joins a {@code log_*} channel and parses every
 * record with a {@link RecordStreamScanner}, counting records, the highest {@code seq}, the seqs
 * it never saw, and the losses the server reported. Optionally takes a nanoTime stamp from each
 * message ({@code t=<nanos>}) for latency. One reading thread per subscriber; counters are safe
 * to read from any thread.
 */
final class CountingSubscriber implements AutoCloseable {
    private final Socket socket = new Socket();
    private final String channel = "log_" + UUID.randomUUID();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong maxSeq = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong reportedDropped = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final LongConsumer latency;
    private Thread reader;

    /** Connects and subscribes; {@code read} false makes a subscriber that never reads (stalled). */
    CountingSubscriber(InetSocketAddress address, String joinKeys, boolean read, LongConsumer latency) throws IOException {
        this.latency = latency;
        if (!read) {
            socket.setReceiveBufferSize(4096);
        }
        socket.connect(address, 5000);
        socket.setTcpNoDelay(true);
        OutputStream out = socket.getOutputStream();
        out.write(("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\"" + joinKeys + "}"
                + "{\"CHANNEL\":\"\",\"test\":\"" + channel + "\"}").getBytes(StandardCharsets.UTF_8));
        out.flush();
        if (read) {
            reader = new Thread(this::readLoop, "bench-subscriber");
            reader.setDaemon(true);
            reader.start();
        }
    }

    void awaitSubscribed() throws InterruptedException {
        if (reader != null && !subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscription not confirmed within 10 s");
        }
    }

    private void readLoop() {
        long[] expected = {-1};
        try {
            new RecordStreamScanner(socket.getInputStream(), latency != null).run((seq, dropped, probe, stamp) -> {
                if (probe) {
                    subscribed.countDown();
                } else if (dropped > 0) {
                    reportedDropped.addAndGet(dropped);
                } else if (seq >= 0) {
                    if (expected[0] >= 0 && seq > expected[0]) {
                        missing.addAndGet(seq - expected[0]);
                    }
                    expected[0] = seq + 1;
                    // This thread is the only writer: ordered stores, no atomic read-modify-write.
                    maxSeq.lazySet(seq);
                    records.lazySet(records.get() + 1);
                    if (latency != null && stamp >= 0) {
                        latency.accept(System.nanoTime() - stamp);
                    }
                }
            });
        } catch (IOException e) {
            // closed
        }
    }

    /** CPU time (user and system) of this subscriber's reading thread so far; 0 for one that never reads. */
    long cpuNanos() {
        Thread t = reader;
        if (t == null) {
            return 0;
        }
        long n = ManagementFactory.getThreadMXBean().getThreadCpuTime(t.getId());
        return Math.max(n, 0);
    }

    long records() {
        return records.get();
    }

    long maxSeq() {
        return maxSeq.get();
    }

    /** Seqs this subscriber never received (reported or not). */
    long lost() {
        return missing.get();
    }

    /** Seqs never received and never reported: must always be 0. */
    long unreported() {
        return missing.get() - reportedDropped.get();
    }

    long reportedDropped() {
        return reportedDropped.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

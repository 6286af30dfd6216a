package io.poxlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A headless subscriber: a real TCP client that joins a {@code log_*} channel and parses every
 * record with a {@link RecordStreamScanner}, counting records, the highest {@code seq}, the seqs
 * it never saw, and the losses the server reported. Optionally takes a nanoTime stamp from each
 * message ({@code t=<nanos>}) for latency. Subscribers are read by {@link ReadLoop} threads;
 * counters are safe to read from any thread.
 */
final class CountingSubscriber implements AutoCloseable, RecordStreamScanner.Sink {
    /** Receives each stamped record's stamp (System.nanoTime at the log call) and when it arrived. */
    interface LatencySink {
        void sample(long stampNanos, long receivedNanos);
    }

    private final SocketChannel socket;
    private final String channel = "log_" + UUID.randomUUID();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong maxSeq = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong reportedDropped = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final LatencySink latency;
    private final boolean read;
    private final RecordStreamScanner scanner;
    private long expected = -1; // reading thread only

    /** Connects and subscribes; {@code read} false makes a subscriber that never reads (stalled). */
    CountingSubscriber(InetSocketAddress address, String joinKeys, boolean read, LatencySink latency) throws IOException {
        this.latency = latency;
        this.read = read;
        this.scanner = new RecordStreamScanner(latency != null);
        socket = SocketChannel.open();
        if (!read) {
            socket.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
        }
        socket.connect(address);
        socket.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ByteBuffer join = ByteBuffer.wrap(("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\""
                + joinKeys + "}{\"CHANNEL\":\"\",\"test\":\"" + channel + "\"}").getBytes(StandardCharsets.UTF_8));
        while (join.hasRemaining()) {
            socket.write(join);
        }
        if (read) {
            socket.configureBlocking(false);
            ReadLoop.next().add(this);
        }
    }

    SocketChannel channel() {
        return socket;
    }

    void awaitSubscribed() throws InterruptedException {
        if (read && !subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscription not confirmed within 10 s");
        }
    }

    /** Bytes read from the connection, on the read loop's thread. */
    void received(byte[] bytes, int n) throws IOException {
        scanner.scan(bytes, n, this);
    }

    @Override
    public void object(long seq, long dropped, boolean probe, long stamp) {
        if (probe) {
            subscribed.countDown();
        } else if (dropped > 0) {
            reportedDropped.addAndGet(dropped);
        } else if (seq >= 0) {
            if (expected >= 0 && seq > expected) {
                missing.addAndGet(seq - expected);
            }
            expected = seq + 1;
            // The read loop is the only writer: ordered stores, no atomic read-modify-write.
            // The sample first: whoever sees this seq received may read the samples.
            if (latency != null && stamp >= 0) {
                latency.sample(stamp, System.nanoTime());
            }
            maxSeq.lazySet(seq);
            records.lazySet(records.get() + 1);
        }
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


    @Override
    public void close() throws IOException {
        socket.close();
    }
}

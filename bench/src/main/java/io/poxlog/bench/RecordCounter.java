package io.poxlog.bench;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every headless subscriber counts, whatever carries its records (TCP, WebSocket): records,
 * the highest {@code seq}, the seqs it never saw, the losses the server reported, and the probe's
 * answer that confirms its join. Parses what it is given with a {@link RecordStreamScanner};
 * optionally takes a nanoTime stamp from each message ({@code t=<nanos>}) for latency.
 *
 * <p>{@link #received} is called by the one thread that reads the subscriber's connection;
 * counters are safe to read from any thread.
 */
abstract class RecordCounter implements AutoCloseable, RecordStreamScanner.Sink {
    /** Receives each stamped record's stamp (System.nanoTime at the log call) and when it arrived. */
    interface LatencySink {
        void sample(long stampNanos, long receivedNanos);
    }

    private final AtomicLong records = new AtomicLong();
    private final AtomicLong maxSeq = new AtomicLong();
    private final AtomicLong missing = new AtomicLong();
    private final AtomicLong reportedDropped = new AtomicLong();
    private final CountDownLatch subscribed = new CountDownLatch(1);
    private final LatencySink latency;
    private final RecordStreamScanner scanner;
    private long expected = -1; // reading thread only

    RecordCounter(LatencySink latency) {
        this(latency, false);
    }

    /** {@code commas}: what it is given may separate objects by commas (a JSON array's elements, unbracketed). */
    RecordCounter(LatencySink latency, boolean commas) {
        this.latency = latency;
        this.scanner = new RecordStreamScanner(latency != null, commas);
    }

    /** Waits for the probe's answer: the join before it has been taken. */
    void awaitSubscribed() throws InterruptedException {
        if (!subscribed.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("subscription not confirmed within 10 s");
        }
    }

    /** The next {@code n} bytes of the stream of objects, on the reading thread. */
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
            // The reading thread is the only writer: ordered stores, no atomic read-modify-write.
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

    /** The join and the probe that confirms it, as one stream of two objects. */
    static String joinAndProbe(String channel, String joinKeys) {
        return "{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"" + channel + "\"" + joinKeys + "}"
                + "{\"CHANNEL\":\"\",\"test\":\"" + channel + "\"}";
    }

    @Override
    public abstract void close() throws IOException;
}

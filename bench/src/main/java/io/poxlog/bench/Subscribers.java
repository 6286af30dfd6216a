package io.poxlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A group of reading subscribers (TCP or WebSocket), connected and confirmed together, closed together. */
final class Subscribers implements AutoCloseable {
    static final String JSON = ",\"json\":true";

    /** Opens subscriber number i. */
    interface Opener {
        RecordCounter open(int i) throws Exception;
    }

    final List<RecordCounter> all = new ArrayList<>();

    /**
     * Connects {@code n} TCP subscribers with {@code joinKeys} in their join and waits until each
     * has confirmed it; {@code latency} gives subscriber i its latency sink (or null).
     */
    static Subscribers connect(InetSocketAddress address, int n, String joinKeys, IntFunction<RecordCounter.LatencySink> latency)
            throws Exception {
        return open(n, i -> new CountingSubscriber(address, joinKeys, true, latency == null ? null : latency.apply(i)));
    }

    /** As {@link #connect}, over WebSocket ({@link WsSubscriber}). */
    static Subscribers connectWs(URI uri, int n, String joinKeys) throws Exception {
        return open(n, i -> WsSubscriber.connect(uri, joinKeys, null));
    }

    static Subscribers open(int n, Opener opener) throws Exception {
        Subscribers subs = new Subscribers();
        try {
            for (int i = 0; i < n; i++) {
                subs.all.add(opener.open(i));
            }
            for (RecordCounter s : subs.all) {
                s.awaitSubscribed();
            }
            return subs;
        } catch (Exception | Error e) {
            subs.close();
            throw e;
        }
    }

    /** Records received by the subscriber that has received the fewest. */
    long slowest() {
        long min = Long.MAX_VALUE;
        for (RecordCounter s : all) {
            min = Math.min(min, s.records());
        }
        return min;
    }

    /** Seqs never received, summed over the subscribers. */
    long lost() {
        return all.stream().mapToLong(RecordCounter::lost).sum();
    }

    /** Seqs never received and never reported, summed over the subscribers: must be 0. */
    long unreported() {
        return all.stream().mapToLong(RecordCounter::unreported).sum();
    }

    /** The highest seq received by the subscriber that is furthest behind. */
    long leastSeq() {
        long min = Long.MAX_VALUE;
        for (RecordCounter s : all) {
            min = Math.min(min, s.maxSeq());
        }
        return min;
    }

    /** Waits until every subscriber has received {@code seq}. */
    void awaitSeq(long seq, long timeoutMs) {
        for (RecordCounter s : all) {
            Pace.await("every subscriber received seq " + seq, timeoutMs, () -> s.maxSeq() >= seq);
        }
    }

    /**
     * Waits until every subscriber has received {@code seq}, or until none has received anything
     * for {@code quietMs}: on a busy machine the server may skip a subscriber that lags past its
     * water mark at the very end, and {@code seq} then never comes. Returns the records the
     * subscribers did not receive of the {@code seq} each should have had.
     */
    long awaitSeqOrQuiet(long seq, long quietMs, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        long total = -1;
        long quietSince = System.nanoTime();
        while (true) {
            long now = 0;
            boolean every = true;
            for (RecordCounter s : all) {
                now += s.records();
                every &= s.maxSeq() >= seq;
            }
            if (every) {
                break;
            }
            if (now != total) {
                total = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > quietMs * 1_000_000) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeoutMs + " ms waiting until every subscriber received seq " + seq);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        long missed = 0;
        for (RecordCounter s : all) {
            missed += Math.max(0, seq - s.records());
        }
        return missed;
    }

    @Override
    public void close() throws IOException {
        for (RecordCounter s : all) {
            s.close();
        }
    }
}

package io.poxlog.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/** A group of reading {@link CountingSubscriber}s, connected and confirmed together, closed together. */
final class Subscribers implements AutoCloseable {
    static final String JSON = ",\"json\":true";

    final List<CountingSubscriber> all = new ArrayList<>();

    /**
     * Connects {@code n} subscribers with {@code joinKeys} in their join and waits until each has
     * confirmed it; {@code latency} gives subscriber i its latency sink (or null).
     */
    static Subscribers connect(InetSocketAddress address, int n, String joinKeys, IntFunction<CountingSubscriber.LatencySink> latency)
            throws Exception {
        Subscribers subs = new Subscribers();
        try {
            for (int i = 0; i < n; i++) {
                subs.all.add(new CountingSubscriber(address, joinKeys, true, latency == null ? null : latency.apply(i)));
            }
            for (CountingSubscriber s : subs.all) {
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
        for (CountingSubscriber s : all) {
            min = Math.min(min, s.records());
        }
        return min;
    }

    /** CPU time of the threads that read subscribers, so far. */

    /** Seqs never received, summed over the subscribers. */
    long lost() {
        return all.stream().mapToLong(CountingSubscriber::lost).sum();
    }

    /** Waits until every subscriber has received {@code seq}. */
    void awaitSeq(long seq, long timeoutMs) {
        for (CountingSubscriber s : all) {
            Pace.await("every subscriber received seq " + seq, timeoutMs, () -> s.maxSeq() >= seq);
        }
    }

    @Override
    public void close() throws IOException {
        for (CountingSubscriber s : all) {
            s.close();
        }
    }
}

package io.poxlog.logservice;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.testing.WireClient;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Run at the start of every turn of the service thread ({@link LogFixture}'s {@code eachTurn}):
 * once engaged, holds the thread there until released, so that a test can queue records and
 * subscription changes behind it in a known order, or make the queue overflow. Threads: the
 * service thread runs it; the test's thread engages and releases it.
 */
final class ServiceHold implements Runnable {
    private volatile CountDownLatch release;
    private volatile CountDownLatch held;

    @Override
    public void run() {
        CountDownLatch r = release;
        if (r != null) {
            held.countDown();
            try {
                r.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Returns once the service thread is held. */
    void engage() throws InterruptedException {
        held = new CountDownLatch(1);
        release = new CountDownLatch(1);
        assertThat(held.await(WireClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).as("the service thread is held").isTrue();
    }

    /** Lets the service thread go on; it takes what was queued meanwhile in order. */
    void release() {
        CountDownLatch r = release;
        release = null;
        r.countDown();
    }
}

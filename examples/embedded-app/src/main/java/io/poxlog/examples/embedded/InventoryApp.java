package io.poxlog.examples.embedded;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An application that logs through SLF4J and logback, as it would without us, and gains the
 * messenger log service from one appender in its logback.xml (README.md, "Embedding"). It places
 * an order every 20 ms until stopped (Ctrl-C, SIGTERM), then says how many it placed and stops
 * logback, which stops the messenger.
 */
public final class InventoryApp {
    private static final Logger app = LoggerFactory.getLogger("app");
    private static final Logger orders = LoggerFactory.getLogger("app.orders");

    private InventoryApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // The application's own shutdown: logback's appenders, ours among them, stop here.
            ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
        }, "inventory-shutdown"));
        app.info("inventory up");
        long placed = 0;
        while (!stop.await(20, TimeUnit.MILLISECONDS)) {
            placed++;
            orders.info("order {} placed", placed);
            orders.debug("order {} has {} items", placed, placed % 7 + 1);
        }
        app.info("stopping after {} orders", placed);
        stopped.countDown();
    }
}

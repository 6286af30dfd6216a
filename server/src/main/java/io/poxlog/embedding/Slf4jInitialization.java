package io.poxlog.embedding;

import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.SubstituteLoggerFactory;

/**
 * Whether SLF4J is still initializing: logback reads logback.xml, and starts our appender, from
 * inside SLF4J's first {@code getLogger}. Every logging call made meanwhile (ours, or Netty's as
 * its classes load) is kept and replayed with the warning "A number (N) of logging calls during
 * the initialization phase have been intercepted": the messenger waits until it is over.
 */
final class Slf4jInitialization {
    private Slf4jInitialization() {
    }

    /** True while SLF4J hands out substitute loggers; asking never logs. */
    static boolean inProgress() {
        return LoggerFactory.getILoggerFactory() instanceof SubstituteLoggerFactory;
    }

    /** Waits until it is over, at most {@code limit}; false if it still is. */
    static boolean awaitEnd(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inProgress()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(5); // the initialization ends microseconds after logback.xml is read
        }
        return true;
    }
}

package io.poxlog.viewer.tui;

import io.poxlog.viewer.client.LevelOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How one level change went on each controller it was for ({@code :level}, the logger tree's
 * keys): one line per controller, "waiting for its answer" until it comes. The message line shows
 * it above the bottom line while it is new.
 *
 * <p>Threads: the UI thread adds and reads; the clients' threads complete the outcomes, and
 * {@link #version} counts them so that the UI knows to draw again.
 */
final class LevelReport {
    /** One controller's line. */
    record Line(String source, CompletableFuture<LevelOutcome> outcome) {
        /** The outcome so far, null while it is awaited. */
        LevelOutcome now() {
            return outcome.getNow(null);
        }

        String text() {
            LevelOutcome o = now();
            return source + ": " + (o == null ? "waiting for its answer..." : o.text());
        }
    }

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final AtomicLong version = new AtomicLong();

    void add(String source, CompletableFuture<LevelOutcome> outcome) {
        lines.add(new Line(source, outcome));
        outcome.whenComplete((o, e) -> version.incrementAndGet());
    }

    List<Line> lines() {
        return new ArrayList<>(lines);
    }

    /** Controllers the change was sent to: those not refused it before sending. */
    int sent() {
        int n = 0;
        for (Line l : lines) {
            LevelOutcome o = l.now();
            if (o == null || o.kind() != LevelOutcome.Kind.NOT_SENT) {
                n++;
            }
        }
        return n;
    }

    /** Whether an answer is still awaited. */
    boolean pending() {
        return lines.stream().anyMatch(l -> !l.outcome().isDone());
    }

    /** Changes whenever an answer comes. */
    long version() {
        return version.get();
    }
}

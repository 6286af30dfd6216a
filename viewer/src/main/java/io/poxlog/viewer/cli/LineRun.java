package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.LogListener;
import io.poxlog.viewer.client.LogSubscription;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code pox-log} in lines ({@code --plain}, {@code --json}, or output that is not a terminal):
 * the subscriptions feed, in order, {@link BacklogEnds} ({@code --no-follow}), {@link SinceCut}
 * ({@code --since}), {@link TimeMerge} (several controllers) and {@link LineOutput}. Following,
 * it runs until stopped, a controller refuses it, or the reader of its output goes away; with
 * {@code --no-follow}, until every controller has sent what it retains. The main thread waits;
 * "pox-log-flush" pushes buffered output out every 100 ms.
 */
final class LineRun {
    private final PoxLog app;
    private final PoxLog.Settings s;

    LineRun(PoxLog app, PoxLog.Settings s) {
        this.app = app;
        this.s = s;
    }

    int run() throws InterruptedException {
        AtomicInteger exit = new AtomicInteger();
        boolean several = s.endpoints().size() > 1;
        RecordFormat format = s.json() ? new JsonFormat(several, app.terminals.out())
                : new PlainFormat(several, s.multiline(), s.timestamps() ? ZoneId.systemDefault() : null, app.terminals.out());
        LineOutput output = new LineOutput(app.out, app.err, format, app.terminals, s.filter(), () -> {
            exit.set(PoxLog.EXIT_REFUSED); // a refused token is final: say so and end, rather than wait forever
            app.stop.countDown();
        }, app.stop::countDown);
        s.notes().forEach(output::say);
        Set<String> sources = new LinkedHashSet<>();
        s.endpoints().forEach(e -> sources.add(e.toString()));
        LogListener chain = output;
        TimeMerge merge = null;
        if (several && (s.noFollow() || !s.reorderWindow().isZero())) {
            merge = new TimeMerge(sources, s.noFollow() ? TimeMerge.FOREVER : s.reorderWindow(), TimeMerge.DEFAULT_STARTUP,
                    chain);
            chain = merge;
        }
        if (!Double.isNaN(s.sinceCutoff())) {
            chain = new SinceCut(s.sinceCutoff(), chain);
        }
        BacklogEnds ends = null;
        if (s.noFollow()) {
            ends = new BacklogEnds(sources, chain);
            chain = ends;
        }
        List<LogSubscription> subs = PoxLog.start(s, chain);
        Thread flusher = new Thread(() -> {
            while (app.stop.getCount() > 0) {
                output.flush();
                try {
                    app.stop.await(100, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "pox-log-flush");
        flusher.setDaemon(true);
        flusher.start();
        TimeMerge m = merge;
        Thread hook = new Thread(() -> {
            subs.forEach(LogSubscription::close);
            if (m != null) {
                m.drain();
            }
            output.flush();
        }, "pox-log-exit");
        Runtime.getRuntime().addShutdownHook(hook);
        if (ends != null) {
            BacklogEnds e = ends;
            Thread waiter = new Thread(() -> {
                try {
                    int code = e.await();
                    exit.compareAndSet(0, code);
                } catch (InterruptedException ignored) {
                    // stopped otherwise
                }
                app.stop.countDown();
            }, "pox-log-no-follow");
            waiter.setDaemon(true);
            waiter.start();
        }
        app.stop.await();
        subs.forEach(LogSubscription::close);
        if (merge != null) {
            merge.close();
            merge.drain();
        }
        output.flush();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
        return exit.get();
    }
}

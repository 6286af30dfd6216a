package io.poxlog.messenger.example;

import io.poxlog.messenger.core.Nexus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * POX's {@code messenger.example}: the upper, echo_*, chat and time channels and the invitable
 * GreetBot (PROTOCOL.md §8). {@link #start} and {@link #stop} are safe to call twice.
 */
public final class ExampleServices {
    public static final Duration DEFAULT_TIME_PERIOD = Duration.ofSeconds(10);

    private final Nexus nexus;
    private final Duration timePeriod;
    private ScheduledExecutorService clock;

    public ExampleServices(Nexus nexus) {
        this(nexus, DEFAULT_TIME_PERIOD);
    }

    /** With another period for the time channel, so a test need not wait 10 s. */
    public ExampleServices(Nexus nexus, Duration timePeriod) {
        this.nexus = nexus;
        this.timePeriod = timePeriod;
    }

    public synchronized ExampleServices start() {
        if (clock != null) {
            return this;
        }
        TimeBot time = nexus.call(() -> {
            new UpperBot(nexus.getOrCreate("upper", false));
            new ChatBot(nexus.getOrCreate("chat", false));
            nexus.addBotForPrefix("echo_", (ch, extra) -> new EchoBot(ch));
            nexus.addInvitableBot(GreetBot.NAME, (ch, extra) -> new GreetBot(ch));
            return new TimeBot(nexus.getOrCreate("time", false));
        }).join();
        clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "messenger-example-time");
            t.setDaemon(true);
            return t;
        });
        long ms = timePeriod.toMillis();
        clock.scheduleAtFixedRate(() -> nexus.execute(time::tick), ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    public synchronized void stop() {
        if (clock != null) {
            clock.shutdownNow();
            clock = null;
        }
    }
}

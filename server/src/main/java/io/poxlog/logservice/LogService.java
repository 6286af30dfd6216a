package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.status.WarnStatus;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.core.SessionIds;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.jctools.queues.MpscArrayQueue;

/**
 * {@code messenger.log_service}: streams the controller's logback log to subscribers and lets them
 * change log levels (PROTOCOL.md §5).
 *
 * <p>Threads (DESIGN.md, "Threads and data"): application threads only {@link #offer} a record to
 * a bounded queue; a full queue drops and counts. One thread, "log-service", takes records, gives
 * each its {@code seq}, keeps the last N, and writes each to every subscriber that wants it,
 * encoding it once per distinct encoding; while records stream in, it lets them gather rather
 * than chase the logging threads ({@link Gathering}). Subscriptions change only on that thread
 * too: the channel bots (nexus thread) hand changes over with {@link #control}, which is what makes
 * {@code backlog} and {@code since} exact. A subscriber whose connection is full loses records
 * for itself alone and is told how many when it drains.
 */
public final class LogService {
    static final String LOGGER = "messenger.log_service";
    private static final int MAX_BATCH = 1024;
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int IDLE_SPINS = 200;

    private final Nexus nexus;
    private final LoggerContext context;
    private final LogServiceConfig config;
    /** Records and subscription changes, many producers, one consumer: lock-free (JCTools). */
    private final MpscArrayQueue<Object> queue;
    /** Only for changes that could not get into the queue in time. */
    private final ConcurrentLinkedQueue<Runnable> control = new ConcurrentLinkedQueue<>();
    private final AtomicLong droppedAtQueue = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    /** Written by the service thread only; atomic so that monitoring may read it. */
    private final AtomicLong droppedForSlow = new AtomicLong();
    /** Records sent cut because they passed {@link LogServiceConfig#maxRecordBytes}, per encoding. */
    private final LongAdder cuts = new LongAdder();
    private final ZoneId zone = ZoneId.systemDefault();
    /**
     * Which run of the log a {@code seq} belongs to: 128 random bits, URL-safe, new per instance
     * (made like a session id), so a client resuming with {@code since} can tell a restarted log
     * from a reconnect.
     */
    private final String logId = SessionIds.next();

    // log-service thread only
    private final RecordRing ring;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final EncodingRegistry encodings = new EncodingRegistry();
    /** Members written to since the last flush, each once (see {@link #touch}). */
    private final List<Subscription.Member> touched = new ArrayList<>();
    private final GapNotices gaps;
    /** Set as the service thread starts. */
    private Gathering gathering;
    private long seq;
    private long dropsAccounted;
    private long failures;

    private volatile Thread thread;
    private volatile boolean running;
    /** Set while the service thread parks for lack of work; producers then wake it. */
    private volatile boolean parked;

    public LogService(Nexus nexus, LoggerContext context, LogServiceConfig config) {
        this(nexus, context, config, 0);
    }

    /** As above, with the first record numbered {@code seqBefore + 1}: lets tests reach large seqs. */
    LogService(Nexus nexus, LoggerContext context, LogServiceConfig config, long seqBefore) {
        this.seq = seqBefore;
        this.nexus = nexus;
        this.context = context;
        this.config = config;
        this.queue = new MpscArrayQueue<>(config.queueSize());
        this.ring = new RecordRing(config.retain());
        this.gaps = new GapNotices(zone);
    }

    public LogServiceConfig config() {
        return config;
    }

    public LoggerContext loggerContext() {
        return context;
    }

    ZoneId zone() {
        return zone;
    }

    /** This run of the log, as the welcome carries it once the service has started. */
    public String logId() {
        return logId;
    }

    /** Installs the {@code log} and {@code log_*} channel bots and starts the service thread. Safe twice. */
    public synchronized LogService start() {
        if (running) {
            return this;
        }
        running = true;
        LevelCommands commands = new LevelCommands(context);
        nexus.call(() -> {
            for (String f : List.of("seq", "backlog", "since", "get_levels", "gap_notices", "log_id")) {
                nexus.addFeature(f);
            }
            nexus.setWelcomeField("log_id", logId);
            new LogBot(nexus.getOrCreate("log", false), this, commands);
            nexus.addBotForPrefix("log_", (ch, extra) -> new LogBot(ch, this, commands));
            return null;
        }).join();
        thread = new Thread(this::run, "log-service");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    /**
     * Stops after delivering every record already queued, waiting at most {@code timeout}. Safe
     * twice. Records logged after this are not streamed.
     */
    public void stop(long timeout, TimeUnit unit) throws InterruptedException {
        Thread t;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            t = thread;
        }
        LockSupport.unpark(t);
        t.join(unit.toMillis(timeout));
    }

    /** Whether a record from this logger at this level is streamed at all (the loop guard). */
    public boolean streams(String loggerName, Level level) {
        if (level.toInt() >= Level.INFO_INT) {
            return true;
        }
        for (String p : config.quietLoggers()) {
            if (loggerName.startsWith(p) && (loggerName.length() == p.length() || loggerName.charAt(p.length()) == '.')) {
                return false;
            }
        }
        return true;
    }

    /** Called on the logging thread: never blocks. A full queue drops the record and counts it. */
    public boolean offer(LogRecord r) {
        if (queue.offer(r)) {
            wake();
            return true;
        }
        droppedAtQueue.incrementAndGet();
        return false;
    }

    private void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Records sent cut because they passed the bound of one record, since start: once per record
     * and distinct encoding (subscribers sharing an encoding share the cut).
     */
    public long cutRecords() {
        return cuts.sum();
    }

    LongAdder cuts() {
        return cuts;
    }

    /** Records dropped because the queue was full, since start. */
    public long droppedAtQueue() {
        return droppedAtQueue.get();
    }

    /** Deliveries skipped because the subscriber's connection was full, over all subscribers, since start. */
    public long droppedForSlowSubscribers() {
        return droppedForSlow.get();
    }

    /** Records (and subscription changes) waiting for the service thread now. */
    public int queued() {
        return queue.size();
    }

    /** Records numbered and published, since start. */
    public long published() {
        return published.get();
    }

    /**
     * Runs a change to the subscriptions on the service thread, in the same queue as the records,
     * so it takes effect exactly between the records logged before and after it. Called on the
     * nexus thread; a full queue makes it wait for a place (the service thread drains it without
     * ever blocking), because a subscription change must not be lost.
     */
    void control(Runnable task) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.offer(task)) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                warn("log service: a subscription change waited 5 s for the queue; applied out of order", null);
                control.add(task);
                break;
            }
            wake();
            LockSupport.parkNanos(100_000);
        }
        wake();
    }

    // ------------------------------------------------------------------ service thread

    private void run() {
        gathering = Gathering.forQueue(config.queueSize());
        int idle = 0;
        long lastDuties = System.nanoTime();
        while (true) {
            runControl();
            accountQueueDrops();
            int n = queue.drain(this::take, MAX_BATCH);
            long now = System.nanoTime();
            if (n > 0 || now - lastDuties > IDLE_PARK_NANOS) {
                sendDueGapNotices();
                lastDuties = now;
            }
            flushTouched();
            if (n > 0) {
                idle = 0;
                if (running) {
                    gathering.afterDrain(n, this);
                }
                continue;
            }
            if (!running && queue.isEmpty() && control.isEmpty()) {
                break;
            }
            if (++idle < IDLE_SPINS) {
                Thread.onSpinWait();
                continue;
            }
            // Nothing to do: sleep until a producer wakes us, or the periodic duties are due.
            parked = true;
            if (queue.isEmpty() && running) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
            }
            parked = false;
            idle = 0;
        }
    }

    private void take(Object o) {
        if (o instanceof LogRecord r) {
            publish(r);
        } else if (o instanceof Runnable task) {
            runControl(task);
        }
    }

    private void runControl() {
        Runnable task;
        while ((task = control.poll()) != null) {
            runControl(task);
        }
    }

    private void runControl(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            warn("log service: a subscription change failed: " + e, e);
        }
    }

    private void publish(LogRecord r) {
        r.seq = ++seq;
        published.lazySet(seq);
        ring.add(r);
        for (int i = 0; i < subscriptions.size(); i++) {
            Subscription s = subscriptions.get(i);
            if (s.members.isEmpty() || !s.settings.accepts(r)) {
                continue;
            }
            try {
                deliver(s, r);
            } catch (RuntimeException e) {
                warn("log service: cannot encode record " + r.seq + " for " + s.channel + ": " + e, e);
            }
        }
    }

    private void deliver(Subscription s, LogRecord r) {
        byte[] body = null;
        for (int j = 0; j < s.members.size(); j++) {
            Subscription.Member m = s.members.get(j);
            Connection c = m.connection;
            if (!c.isWritable()) {
                m.lost(r.seq);
                droppedForSlow.lazySet(droppedForSlow.get() + 1);
                continue;
            }
            if (m.dropped > 0) {
                gaps.send(s, m);
            }
            if (body == null) {
                body = s.encoding.body(r);
            }
            c.sendEncoded(s.head, body, false);
            touch(m);
        }
    }

    /** Records the appender dropped get numbers too, so every subscriber sees the gap they left. */
    private void accountQueueDrops() {
        long d = droppedAtQueue.get();
        if (d == dropsAccounted) {
            return;
        }
        long first = seq + 1;
        seq += d - dropsAccounted;
        dropsAccounted = d;
        for (Subscription s : subscriptions) {
            for (Subscription.Member m : s.members) {
                m.lostRange(first, seq);
            }
        }
    }

    private void sendDueGapNotices() {
        for (Subscription s : subscriptions) {
            for (Subscription.Member m : s.members) {
                if (m.dropped > 0 && m.connection.isWritable()) {
                    gaps.send(s, m);
                    touch(m);
                }
            }
        }
    }

    private void touch(Subscription.Member m) {
        if (!m.touched) {
            m.touched = true;
            touched.add(m);
        }
    }

    /**
     * One flush per member written to: what the batch sent goes out as one write per connection.
     * A connection in two subscriptions is flushed twice; the second finds nothing to send.
     */
    private void flushTouched() {
        for (int i = 0; i < touched.size(); i++) {
            Subscription.Member m = touched.get(i);
            m.touched = false;
            m.connection.flush();
        }
        touched.clear();
    }

    void addSubscription(Subscription s, RecordEncoding encoding) {
        s.encoding = encodings.acquire(encoding);
        subscriptions.add(s);
    }

    void updateSubscription(Subscription s, SubscriptionSettings settings, RecordEncoding encoding) {
        s.settings = settings;
        RecordEncoding old = s.encoding;
        s.encoding = encodings.acquire(encoding);
        encodings.release(old);
    }

    void endSubscription(Subscription s) {
        if (subscriptions.remove(s)) {
            encodings.release(s.encoding);
            s.members.clear();
        }
    }

    /**
     * Adds a member, first replaying what it asked for from the retained records: everything after
     * {@code since} (telling it of any part no longer retained), or the last {@code backlog}.
     * Runs between two records, so the replay and the live stream neither overlap nor leave a hole.
     */
    void addMember(Subscription s, Connection c, int backlog, Long since) {
        if (s.member(c) != null) {
            return;
        }
        Subscription.Member m = new Subscription.Member(c);
        if (since != null || backlog > 0) {
            new Replay(s, m, ring, seq).run(backlog, since, gaps);
            touch(m);
        }
        s.members.add(m);
    }

    void removeMember(Subscription s, Connection c) {
        s.members.removeIf(m -> m.connection == c);
    }

    private void warn(String text, Throwable t) {
        // Through logback's status manager, not a logger: a failure per record must not become
        // a record that fails again.
        if (failures++ < 100) {
            context.getStatusManager().add(new WarnStatus(text, this, t));
        }
    }
}

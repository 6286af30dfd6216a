package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.poxlog.messenger.core.Connection;
import io.poxlog.messenger.core.Nexus;
import io.poxlog.messenger.core.RequestException;
import io.poxlog.messenger.core.SessionIds;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
 *
 * <p>This class is the service's face, for any thread: start and stop, the logging threads'
 * {@link #offer}, the nexus's {@link #control}, and what monitoring reads. The service thread's
 * turns are {@link ServiceLoop}'s, and what is written to whom is {@link Fanout}'s: live records,
 * replays of retained records (a bounded slice per turn, paced by each subscriber's connection,
 * {@link Replays}) and gap notices. Nothing one subscription throws stops the thread (issue 10):
 * it ends that subscription alone; what fails outside any subscription is reported and the thread
 * goes on, and should it fail turn after turn it stops loudly ({@link #failure},
 * {@link ServiceFailures}).
 */
public final class LogService {
    static final String LOGGER = "messenger.log_service";
    /** The shared channel of level commands (and a subscription of its own). */
    static final String CHANNEL = "log";
    /** Every channel whose name starts with this is a subscription of its own. */
    static final String CHANNEL_PREFIX = "log_";

    private final Nexus nexus;
    private final LoggerContext context;
    private final LogServiceConfig config;
    // Handed to the service thread's loop (ServiceLoop), which reads and counts them there.
    /** Records and subscription changes, many producers, one consumer: lock-free (JCTools). */
    final MpscArrayQueue<Object> queue;
    /** Only for changes that could not get into the queue in time. */
    final ConcurrentLinkedQueue<Runnable> lateControl = new ConcurrentLinkedQueue<>();
    final AtomicLong droppedAtQueue = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    /** Written by the service thread only; atomic so that monitoring may read it. */
    final AtomicLong droppedForSlow = new AtomicLong();
    final ServiceFailures failures;
    /** Records sent cut because they passed {@link LogServiceConfig#maxRecordBytes}, per encoding. */
    private final LongAdder cuts = new LongAdder();
    private final ZoneId zone = ZoneId.systemDefault();
    /**
     * Which run of the log a {@code seq} belongs to: 128 random bits, URL-safe, new per instance
     * (made like a session id), so a client resuming with {@code since} can tell a restarted log
     * from a reconnect.
     */
    private final String logId = SessionIds.next();
    private final ServiceLoop loop;
    private final LevelClock clock;

    /** Nexus thread only. */
    private long encodingsMade;
    private volatile Thread thread;
    private volatile boolean running;
    private volatile int leftAtStop = -1;
    /** Set while the service thread parks for lack of work; producers then wake it. */
    private volatile boolean parked;
    /** Set when the service thread died. */
    private volatile Throwable failure;

    public LogService(Nexus nexus, LoggerContext context, LogServiceConfig config) {
        this(nexus, context, config, 0, null, null);
    }

    /**
     * For tests: the first record is numbered {@code seqBefore + 1} (to reach large seqs), and
     * {@code eachTurn}, if not null, runs at the start of every turn of the service thread;
     * {@code clock}, if not null, replaces the nexus's clocks and timer for timed level changes.
     */
    LogService(Nexus nexus, LoggerContext context, LogServiceConfig config, long seqBefore, Runnable eachTurn,
            LevelClock clock) {
        this.nexus = nexus;
        this.clock = clock != null ? clock : LevelClock.of(nexus);
        this.context = context;
        this.config = config;
        this.queue = new MpscArrayQueue<>(config.queueSize());
        this.failures = new ServiceFailures(context, this);
        this.loop = new ServiceLoop(this, nexus, seqBefore, eachTurn);
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

    /**
     * A subscription's encoding for {@code settings}, made and checked on the nexus thread (a
     * format is compiled once, there, not on the service thread).
     *
     * @throws RequestException naming the key at fault, and the limit
     */
    RecordEncoding encoding(SubscriptionSettings settings) {
        encodingsMade++;
        try {
            return new RecordEncoding(settings.format(), settings.dateFormat(), settings.json(), zone,
                    context.getBirthTime(), config.maxRecordBytes(), cuts);
        } catch (IllegalArgumentException e) {
            throw new RequestException(e.getMessage());
        }
    }

    /** Encodings the log bots made since start (nexus thread): each message that needed one made one. */
    long encodingsMade() {
        return encodingsMade;
    }

    /** For tests and monitoring: the subscriptions and distinct encodings the service thread holds, asked in its queue. */
    CompletableFuture<int[]> held() {
        CompletableFuture<int[]> f = new CompletableFuture<>();
        control(() -> f.complete(new int[] {loop.fanout().subscriptionCount(), loop.fanout().encodingCount()}));
        return f;
    }

    /** For tests: the record bodies encoded by the encodings the service thread holds now, asked in its queue. */
    CompletableFuture<Long> recordsEncoded() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        control(() -> f.complete(loop.fanout().recordsEncoded()));
        return f;
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
        LevelCommands commands = new LevelCommands(context, config.loggerLimits(), clock, config.maxLevelFor());
        nexus.call(() -> {
            for (String f : List.of("seq", "backlog", "since", "get_levels", "gap_notices", "log_id", "grep", "level_for")) {
                nexus.addFeature(f);
            }
            nexus.setWelcomeField("log_id", logId);
            new LogBot(nexus.getOrCreate(CHANNEL, false), this, commands);
            nexus.addBotForPrefix(CHANNEL_PREFIX, (ch, extra) -> new LogBot(ch, this, commands));
            return null;
        }).join();
        thread = new Thread(loop::run, "log-service");
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
        leftAtStop = queue.size();
    }

    /**
     * What was still queued (records, and subscription changes) when {@link #stop} returned: 0
     * when the service sent everything before its time ran out; -1 before a stop. Read at the
     * stop, for what comes after (connections closing as the transport stops) is no loss.
     */
    public int leftAtStop() {
        return leftAtStop;
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

    /** Tests only: how many times the service thread handed its turns to its members' I/O thread ({@link HomeTurns}). */
    long turnsHandedOver() {
        return loop.turnsHandedOver();
    }

    /** Deliveries skipped because the subscriber's connection was full, over all subscribers, since start. */
    public long droppedForSlowSubscribers() {
        return droppedForSlow.get();
    }

    /** Records (and subscription changes) waiting for the service thread now. */
    public int queued() {
        return queue.size();
    }

    /** Records numbered and published, since start; it stops growing should the service die ({@link #failure}). */
    public long published() {
        return published.get();
    }

    /**
     * Why the service thread stopped, or null while it runs (or stopped as asked): monitoring's
     * view of a service that no longer streams. Its death is also reported on standard error, in
     * logback's status and as an ERROR record, and every subscriber is sent an error.
     */
    public Throwable failure() {
        return failure;
    }

    /** Failures on the service thread since start (encodings, subscription changes, turns), reported or not. */
    public long failures() {
        return failures.count();
    }

    /**
     * Runs a change to the subscriptions on the service thread, in the same queue as the records,
     * so it takes effect exactly between the records logged before and after it. Called on the
     * nexus thread; a full queue makes it wait for a place (the service thread drains it without
     * ever blocking), because a subscription change must not be lost. After the service died it
     * does nothing: nobody would take the change.
     */
    void control(Runnable task) {
        if (failure != null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!queue.offer(task)) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted() || failure != null) {
                failures.warn("log service: a subscription change waited 5 s for the queue; applied out of order", null);
                lateControl.add(task);
                break;
            }
            wake();
            LockSupport.parkNanos(100_000);
        }
        wake();
    }

    // ------------------------------------------------------------------ the service thread's loop

    boolean running() {
        return running;
    }

    void parked(boolean p) {
        parked = p;
    }

    /** The service thread stops for good: joins are refused from now on. */
    void died(Throwable t) {
        failure = t;
        running = false;
    }

    // ------------------------------------------------------------------ subscription changes, in tasks on the service thread

    void addSubscription(Subscription s, RecordEncoding encoding) {
        loop.fanout().addSubscription(s, encoding);
    }

    void updateSubscription(Subscription s, SubscriptionSettings settings, RecordEncoding encoding) {
        loop.fanout().updateSubscription(s, settings, encoding);
    }

    void endSubscription(Subscription s) {
        loop.fanout().endSubscription(s);
    }

    /** Adds a member, which first catches up on the retained records it asked for ({@link Replay}). */
    void addMember(Subscription s, Connection c, int backlog, Long since) {
        loop.fanout().addMember(s, c, backlog, since, loop.seq());
    }

    void removeMember(Subscription s, Connection c) {
        loop.fanout().removeMember(s, c);
    }
}

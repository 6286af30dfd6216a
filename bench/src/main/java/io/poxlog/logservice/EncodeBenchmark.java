package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.poxlog.bench.JmhSettings;
import java.time.ZoneId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * JMH: the log service's encoding of one record for a {@code json: true} subscriber, the
 * service thread's main cost per record. In this package because a record is made only by the
 * appender (package-private constructor). Run with
 * {@code java -cp bench/target/poxlog-bench-*-all.jar org.openjdk.jmh.Main EncodeBenchmark}.
 */
public class EncodeBenchmark extends JmhSettings {
    private RecordEncoding json;
    private LogRecord record;
    private long seq;

    @Setup
    public void setUp() {
        LoggerContext context = new LoggerContext();
        LoggingEvent event = new LoggingEvent(EncodeBenchmark.class.getName(), context.getLogger("openflow.of_01"),
                Level.INFO, "[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}", null, new Object[] {3, 12345L});
        event.getThreadName();
        record = new LogRecord(event, Thread.currentThread().getId(), false);
        json = new RecordEncoding(null, null, true, ZoneId.systemDefault(), System.currentTimeMillis());
    }

    /** Records as the service gets them: message not yet formatted (made before each batch, not timed). */
    private static final int FRESH = 1024;
    private final LogRecord[] fresh = new LogRecord[FRESH];
    private LoggerContext context;

    @Setup(org.openjdk.jmh.annotations.Level.Invocation)
    public void freshRecords() {
        if (context == null) {
            context = new LoggerContext();
        }
        for (int i = 0; i < FRESH; i++) {
            LoggingEvent event = new LoggingEvent(EncodeBenchmark.class.getName(), context.getLogger("openflow.of_01"),
                    Level.INFO, "[00-00-00-00-00-01 1] PacketIn: in_port={} buffer_id={}", null,
                    new Object[] {(long) (i & 7), (long) i});
            event.getThreadName();
            fresh[i] = new LogRecord(event, 1, false);
            fresh[i].seq = ++seq;
        }
    }

    /**
     * One record's body with its message formatted (the message's formatting included, as the
     * service thread does it once per record), per record of a batch of fresh ones.
     */
    @Benchmark
    @OperationsPerInvocation(FRESH)
    public int encodeFreshRecord() {
        int n = 0;
        for (LogRecord r : fresh) {
            n += json.body(r).length;
        }
        return n;
    }

    private final JsonBytes bodies = new JsonBytes();

    /**
     * As {@link #encodeFreshRecord}, the way the live stream encodes a drain: the bodies back to
     * back in one buffer, none copied into an array of its own.
     */
    @Benchmark
    @OperationsPerInvocation(FRESH)
    public int encodeFreshRecordsIntoOneBuffer() {
        JsonBytes b = bodies.reset(1 << 20);
        int n = 0;
        for (LogRecord r : fresh) {
            n += json.bodyInto(b, r);
        }
        return n + b.length();
    }

    /** One record's body, its message formatted already (a record encoded before). */
    @Benchmark
    public byte[] encodeJsonRecord() {
        record.seq = ++seq; // a new record each time, as far as the encoding's cache can tell
        return json.body(record);
    }
}

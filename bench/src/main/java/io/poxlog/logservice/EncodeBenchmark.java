package io.poxlog.logservice;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import io.poxlog.bench.JmhSettings;
import java.time.ZoneId;
import org.openjdk.jmh.annotations.Benchmark;
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

    @Benchmark
    public byte[] encodeJsonRecord() {
        record.seq = ++seq; // a new record each time, as far as the encoding's cache can tell
        return json.body(record);
    }
}

package io.poxlog.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * JMH: the headless subscriber's scanner ({@link RecordStreamScanner}) on a stream of records,
 * per record, read 64 KiB at a time as the subscribers read. In the fan-out scenario 100
 * subscribers run it in the same process as the server, so its cost comes out of the two cores
 * the server has. Run with {@code java -cp bench/target/poxlog-bench-*-all.jar
 * org.openjdk.jmh.Main ScanBenchmark}.
 */
public class ScanBenchmark extends JmhSettings {
    private static final int RECORDS = 1000;
    private static final int READ = 64 * 1024;
    private byte[] stream;
    private byte[][] reads;
    private int[] lengths;

    @Setup
    public void setUp() {
        stream = SampleRecords.stream(RECORDS);
        int n = (stream.length + READ - 1) / READ;
        reads = new byte[n][READ];
        lengths = new int[n];
        for (int i = 0; i < n; i++) {
            lengths[i] = Math.min(READ, stream.length - i * READ);
            System.arraycopy(stream, i * READ, reads[i], 0, lengths[i]);
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long scanRecords() throws Exception {
        RecordStreamScanner s = new RecordStreamScanner(false);
        long[] last = new long[1];
        for (int i = 0; i < reads.length; i++) {
            s.scan(reads[i], lengths[i], (seq, dropped, probe, stamp) -> last[0] = seq);
        }
        return last[0];
    }
}

package io.poxlog.bench;

import io.poxlog.viewer.client.MessageReader;
import java.io.ByteArrayInputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Setup;

/**
 * JMH: the viewer cutting a stream of records ({@code json: true}, as the log service sends
 * them) into objects, per record. Every byte the viewer receives passes through this loop.
 * Run with {@code java -cp bench/target/poxlog-bench-*-all.jar org.openjdk.jmh.Main SplitBenchmark}.
 */
public class SplitBenchmark extends JmhSettings {
    private static final int RECORDS = 1000;
    private byte[] stream;

    @Setup
    public void setUp() {
        stream = SampleRecords.stream(RECORDS);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int splitRecords() throws Exception {
        MessageReader s = new MessageReader(new ByteArrayInputStream(stream), 1 << 20);
        int n = 0;
        while (s.next() != null) {
            n++;
        }
        return n;
    }
}

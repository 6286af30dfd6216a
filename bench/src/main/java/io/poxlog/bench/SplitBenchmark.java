package io.poxlog.bench;

import io.poxlog.viewer.client.JsonObjectSplitter;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: the viewer cutting a stream of records ({@code json: true}, as the log service sends
 * them) into objects, per record. Every byte the viewer receives passes through this loop.
 * Run with {@code java -cp bench/target/poxlog-bench-*-all.jar org.openjdk.jmh.Main SplitBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SplitBenchmark {
    private static final int RECORDS = 1000;
    private byte[] stream;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < RECORDS; i++) {
            sb.append("{\"CHANNEL\":\"log_3f2a\",\"message\":\"[00-00-00-00-00-01 1] PacketIn: in_port=").append(i & 7)
                    .append(" buffer_id=").append(i).append("\",\"seq\":").append(i + 1)
                    .append(",\"levelname\":\"INFO\",\"levelno\":20,\"name\":\"openflow.of_01\",\"created\":1795629146.288791,"
                            + "\"msecs\":288.0,\"relativeCreated\":533.0,\"asctime\":\"2026-11-25 17:52:26,288\",\"thread\":16,"
                            + "\"threadName\":\"main\",\"process\":16693,\"processName\":\"MainProcess\",\"module\":\"\","
                            + "\"funcName\":\"\",\"lineno\":0,\"filename\":\"\",\"pathname\":\"\",\"args\":[\"")
                    .append(i & 7).append("\",\"").append(i).append("\"]}");
        }
        stream = sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public int splitRecords() throws Exception {
        JsonObjectSplitter s = new JsonObjectSplitter(new ByteArrayInputStream(stream), 1 << 20);
        int n = 0;
        while (s.next() != null) {
            n++;
        }
        return n;
    }
}

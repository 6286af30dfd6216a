package io.poxlog.bench;

import java.nio.charset.StandardCharsets;

/** For the JMH benchmarks: a stream of records as the log service sends them ({@code json: true}). */
final class SampleRecords {
    private SampleRecords() {
    }

    /** {@code n} typical PacketIn records, back to back, with seqs from 1. */
    static byte[] stream(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append("{\"CHANNEL\":\"log_3f2a\",\"message\":\"[00-00-00-00-00-01 1] PacketIn: in_port=").append(i & 7)
                    .append(" buffer_id=").append(i).append("\",\"seq\":").append(i + 1)
                    .append(",\"levelname\":\"INFO\",\"levelno\":20,\"name\":\"openflow.of_01\",\"created\":1795629146.288791,"
                            + "\"msecs\":288.0,\"relativeCreated\":533.0,\"asctime\":\"2026-11-25 17:52:26,288\",\"thread\":16,"
                            + "\"threadName\":\"main\",\"process\":16693,\"processName\":\"MainProcess\",\"module\":\"\","
                            + "\"funcName\":\"\",\"lineno\":0,\"filename\":\"\",\"pathname\":\"\",\"args\":[\"")
                    .append(i & 7).append("\",\"").append(i).append("\"]}");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package io.poxlog.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Fills a controller's retained log before a page opens: {@code count} records injected over the
 * messenger's TCP transport (the {@code message} command of the log service, PROTOCOL.md), then an
 * end marker from a logger of its own, which this client subscribes to and waits for: once it is
 * here, every record before it is in the log. One thread.
 */
final class RecordInjector {
    static final String FLOOD_LOGGER = "bench.flood";
    private static final String END_LOGGER = "bench.end";
    private static final long END_MILLIS = 120_000;

    private RecordInjector() {
    }

    static void inject(int port, int count) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout((int) END_MILLIS);
            OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 16);
            out.write(("{\"CHANNEL\":\"\",\"cmd\":\"join_channel\",\"channel\":\"log_bench_end\",\"subsystems\":[\""
                    + END_LOGGER + "\"]}").getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < count; i++) {
                out.write(("{\"CHANNEL\":\"log\",\"level\":\"INFO\",\"subsystem\":\"" + FLOOD_LOGGER + "\",\"message\":"
                        + "\"[00-00-00-00-00-03 3] PacketIn " + i + ": in_port=2 00:00:00:00:00:05 > 00:00:00:00:00:08 type=IP buffer_id=1234\"}")
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.write(("{\"CHANNEL\":\"log\",\"level\":\"INFO\",\"subsystem\":\"" + END_LOGGER + "\",\"message\":\"bench end\"}")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            awaitText(s.getInputStream(), "bench end");
        }
    }

    private static void awaitText(InputStream in, String text) throws IOException {
        byte[] want = text.getBytes(StandardCharsets.UTF_8);
        int matched = 0;
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + END_MILLIS * 1_000_000;
        for (int b; (b = in.read()) >= 0; ) {
            if (seen.length() < 2000) {
                seen.append((char) b);
            }
            matched = b == want[matched] ? matched + 1 : b == want[0] ? 1 : 0;
            if (matched == want.length) {
                return;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        throw new IOException("the controller did not log the injected records' end marker; it sent: " + seen);
    }
}

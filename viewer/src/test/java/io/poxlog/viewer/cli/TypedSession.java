package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Runs bin/test-client as a user would type into it, for tests. */
final class TypedSession {
    private TypedSession() {
    }

    /**
     * Runs the client with {@code input} typed on its standard input, keeps the input open until
     * the output shows {@code until}, then ends the input (Ctrl-D) and returns all it printed.
     */
    static String run(String[] args, Map<String, String> env, String input, String until) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream printed = new PrintStream(out, true, StandardCharsets.UTF_8);
        PipedOutputStream typing = new PipedOutputStream();
        PipedInputStream stdin = new PipedInputStream(typing);
        CompletableFuture<Integer> code = CompletableFuture.supplyAsync(() ->
                TestClient.run(args, stdin, printed, new PrintStream(new ByteArrayOutputStream()), env));
        typing.write(input.getBytes(StandardCharsets.UTF_8));
        typing.flush();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!text(out, printed).contains(until)) {
            assertThat(System.nanoTime()).as("output never showed " + until + ": " + text(out, printed)).isLessThan(deadline);
            LockSupport.parkNanos(5_000_000);
        }
        typing.close();
        assertThat(code.get(10, TimeUnit.SECONDS)).isZero();
        return text(out, printed);
    }

    private static String text(ByteArrayOutputStream out, PrintStream lock) {
        synchronized (lock) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}

package io.poxlog.viewer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.poxlog.viewer.testing.ControllerFixture;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** pox-log as a real process writing into a real pipe. */
class PoxLogPipeTest {

    @Test
    void whenTheReaderOfThePipeGoesAwayPoxLogEndsAtOnceAndQuietly() throws Exception {
        try (ControllerFixture fx = new ControllerFixture()) {
            // A controller that keeps logging, a record every 5 ms, for as long as the test runs.
            ScheduledExecutorService logging = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "busy-controller"));
            AtomicLong records = new AtomicLong();
            logging.scheduleAtFixedRate(() -> fx.logger("busy").info("record {}", records.getAndIncrement()),
                    0, 5, TimeUnit.MILLISECONDS);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), PoxLog.class.getName(),
                    "--plain", "--port", String.valueOf(fx.port()))
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            try {
                // `pox-log --plain | head -5`
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                for (int i = 0; i < 5; i++) {
                    assertThat(out.readLine()).as("line " + (i + 1)).startsWith("INFO|busy|record ");
                }
                out.close();
                assertThat(p.waitFor(15, TimeUnit.SECONDS)).as("pox-log ended within 15 s of its reader").isTrue();
                assertThat(p.exitValue()).isZero();
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(err.lines()).as("nothing on stderr but the connection line").allMatch(l -> l.startsWith("== Connected"));
            } finally {
                p.destroyForcibly();
                logging.shutdownNow();
            }
        }
    }
}

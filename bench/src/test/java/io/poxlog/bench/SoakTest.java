package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A short soak for CI; {@link Soak} runs the long one. */
class SoakTest {

    @Test
    void clientsComingAndGoingWithGoodAndBadInputLoseNothingAndLeakNothing() throws Exception {
        SoakReport r = new SoakRun(new SoakRun.Config(40, Duration.ofSeconds(8), 500, 2000)).run();
        System.out.print(r.text());
        assertThat(r.problems()).isEmpty();
        assertThat(((Number) r.figures().get("resumes")).longValue()).as("subscribers resumed").isPositive();
        assertThat(((Number) r.figures().get("probe round trips")).longValue()).isPositive();
    }
}

package io.poxlog.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A short soak for CI, hostile clients included; {@link Soak} runs the long one. */
class SoakTest {

    @Test
    void clientsComingAndGoingWithGoodAndBadInputBesideHostileOnesLoseNothingAndLeakNothing() throws Exception {
        SoakReport r = new SoakRun(new SoakRun.Config(40, Duration.ofSeconds(8), 500, 5000, 4)).run();
        System.out.print(r.text());
        assertThat(r.problems()).isEmpty();
        assertThat(((Number) r.figures().get("resumes")).longValue()).as("subscribers resumed").isPositive();
        assertThat(((Number) r.figures().get("probe round trips")).longValue()).isPositive();
        @SuppressWarnings("unchecked")
        Map<String, String> sessions = (Map<String, String>) r.figures().get("sessions ok/unexpected");
        for (SoakHostile.Attack a : SoakHostile.Attack.values()) {
            assertThat(sessions).as("the hostile clients made every attack").containsKey(a.tallied());
        }
    }
}

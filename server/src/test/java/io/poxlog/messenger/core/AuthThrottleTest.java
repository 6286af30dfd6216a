package io.poxlog.messenger.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The backoff each source address earns with wrong tokens, on a clock the test moves. */
class AuthThrottleTest {
    private long now = 1_000_000_000L;
    private final AuthLimits limits = AuthLimits.DEFAULTS.withFailuresPerAddress(3)
            .withBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    private final AuthThrottle throttle = new AuthThrottle(limits, () -> now);

    private void advance(Duration d) {
        now += d.toNanos();
    }

    @Test
    void failuresWithinTheBudgetCostNoWaitAndEachOneAfterDoublesItUpToTheMaximum() {
        assertThat(throttle.failed("10.0.0.1")).isZero();
        assertThat(throttle.failed("10.0.0.1")).isZero();
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(1000);
        assertThat(throttle.waitMillis("10.0.0.1")).isEqualTo(1000);
        assertThat(throttle.waitMillis("10.0.0.2")).as("another address").isZero();
        advance(Duration.ofMillis(400));
        assertThat(throttle.waitMillis("10.0.0.1")).isEqualTo(600);
        advance(Duration.ofMillis(600));
        assertThat(throttle.waitMillis("10.0.0.1")).isZero();
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(2000);
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(4000);
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(8000);
        assertThat(throttle.failed("10.0.0.1")).isEqualTo(8000);
    }

    @Test
    void anAddressQuietForLongEnoughStartsAfresh() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("10.0.0.1");
        }
        advance(limits.forgetAfter().plusSeconds(1));
        assertThat(throttle.waitMillis("10.0.0.1")).isZero();
        assertThat(throttle.failures("10.0.0.1")).isZero();
        assertThat(throttle.failed("10.0.0.1")).isZero();
    }

    @Test
    void theAddressesRememberedAreBoundedForgettingTheLongestUnseen() {
        AuthThrottle small = new AuthThrottle(limits.withMaxAddresses(100), () -> now);
        for (int i = 0; i < 10_000; i++) {
            small.failed("10.0." + i / 256 + "." + i % 256);
        }
        assertThat(small.addresses()).isEqualTo(100);
        assertThat(small.failures("10.0.0.0")).isZero();
        assertThat(small.failures("10.0.39.15")).isEqualTo(1);
    }

    @Test
    void anIpv6HostCountsAsItsSlash64AndIpv4AsItself() throws Exception {
        assertThat(SourceAddresses.key(InetAddress.getByName("2001:db8:1:2:aaaa::1")))
                .isEqualTo(SourceAddresses.key(InetAddress.getByName("2001:db8:1:2:ffff::9")))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(SourceAddresses.key(InetAddress.getByName("10.1.2.3"))).isEqualTo("10.1.2.3");
        assertThat(SourceAddresses.key(null)).isNull();
    }
}

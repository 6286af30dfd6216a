package io.poxlog.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.poxlog.messenger.core.Nexus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code messenger} component's limits on what one connection may make the nexus hold. */
class MessengerOptionsTest {

    @Test
    void theLimitsDefaultToTheDocumentedValuesAndFollowTheirOptions() throws Exception {
        ControllerRuntime plain = Controller.start(List.of("messenger"));
        try {
            assertThat(plain.nexus().maxChannelsPerConnection()).isEqualTo(Nexus.DEFAULT_MAX_CHANNELS_PER_CONNECTION).isEqualTo(64);
            assertThat(plain.nexus().maxBotsPerConnection()).isEqualTo(Nexus.DEFAULT_MAX_BOTS_PER_CONNECTION).isEqualTo(64);
            assertThat(plain.nexus().inviteTimeout()).isEqualTo(Nexus.DEFAULT_INVITE_TIMEOUT).isEqualTo(Duration.ofSeconds(60));
        } finally {
            plain.stop();
        }
        ControllerRuntime set = Controller.start(List.of("messenger", "--max_channels=3", "--max_bots=2", "--invite_timeout=5"));
        try {
            assertThat(set.nexus().maxChannelsPerConnection()).isEqualTo(3);
            assertThat(set.nexus().maxBotsPerConnection()).isEqualTo(2);
            assertThat(set.nexus().inviteTimeout()).isEqualTo(Duration.ofSeconds(5));
        } finally {
            set.stop();
        }
    }

    @Test
    void aBadLimitIsRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--max_bots=0")))
                .hasMessage("messenger: --max_bots must be between 1 and 1000000, not 0");
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--invite_timeout=0")))
                .hasMessage("messenger: --invite_timeout must be between 1 and 86400, not 0");
        assertThatThrownBy(() -> Controller.start(List.of("messenger", "--invite_timeout=soon")))
                .hasMessage("messenger: --invite_timeout must be a whole number, not 'soon'");
    }
}

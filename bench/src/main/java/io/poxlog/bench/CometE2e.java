package io.poxlog.bench;

/**
 * End to end to one subscriber over comet (issue 13), measured in the same rounds as TCP and
 * WebSocket ({@link TransportRounds}), giving {@code e2e_comet_1sub_records_per_s} (target
 * ≥ 200,000, 0 lost: {@link Report}) and {@code comet_over_tcp}: the controller with the comet
 * transport on its web server ({@link BenchController#withComet}) and one {@link CometSubscriber},
 * a long-poll GET loop that keeps up.
 */
final class CometE2e {
    static final boolean ENABLED = true;

    private CometE2e() {
    }

    /** The controller with the comet transport, and one comet subscriber that keeps up. */
    static TransportRounds.E2e start() throws Exception {
        BenchController c = BenchController.withComet();
        try {
            return new TransportRounds.E2e(c, Subscribers.open(1, i -> CometSubscriber.connect(c.cometUri(),
                    Subscribers.JSON)));
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }
}

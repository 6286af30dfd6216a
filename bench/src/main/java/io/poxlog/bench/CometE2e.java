package io.poxlog.bench;

/**
 * PLACEHOLDER, for the lead to enable once the comet (HTTP long-poll) transport is merged (issue
 * 13, worktree httpmsg): end to end to one subscriber over comet, measured in the same rounds as
 * TCP and WebSocket ({@link TransportRounds}), giving {@code e2e_comet_1sub_records_per_s}
 * (target ≥ 200,000, 0 lost: {@link Report}) and {@code comet_over_tcp}.
 *
 * <p>To enable it:
 * <ol>
 *   <li>give {@link BenchController} a {@code withComet()} that mounts the comet transport on its
 *       web server, as {@code withWebSocket()} mounts {@code WsTransport};</li>
 *   <li>write {@code CometSubscriber extends RecordCounter}: it polls the transport's URL in a
 *       loop on a thread of its own (whose CPU time {@link ReadLoop#allCpuNanos} should count as
 *       the subscribers' reading, as it counts the TCP and WebSocket subscribers'), joins with
 *       {@link RecordCounter#joinAndProbe}, and gives each response's JSON objects to
 *       {@link RecordCounter#received};</li>
 *   <li>make {@link #start} return {@code new TransportRounds.E2e(controller, subscribers)}, set {@link #ENABLED}
 *       true, and add {@code e2e_comet_1sub_records_per_s} to {@code QuickBenchTest}'s figures.</li>
 * </ol>
 * Nothing else changes: the rounds, the report and {@code --repeat} already know the figures.
 */
final class CometE2e {
    /** False until the comet transport is merged: no comet figure is measured or reported. */
    static final boolean ENABLED = false;

    private CometE2e() {
    }

    /** The controller with the comet transport, and one comet subscriber that keeps up. */
    static TransportRounds.E2e start() {
        throw new UnsupportedOperationException("the comet transport is not merged yet: see CometE2e");
    }
}

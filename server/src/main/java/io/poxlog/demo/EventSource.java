package io.poxlog.demo;

/**
 * Where the demo's records come from: one simulated event per call. The seam exists so that
 * tests can hand {@link DemoController} a source that fails on purpose.
 *
 * <p>Called only by the {@code demo-controller} thread, so implementations need not be
 * thread-safe.
 */
@FunctionalInterface
interface EventSource {
    /** Logs one simulated event and returns how many log calls that took (at least one). */
    int emit();
}

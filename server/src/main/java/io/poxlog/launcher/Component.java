package io.poxlog.launcher;

import java.util.Set;

/**
 * A component that {@code bin/controller} can load by name, with the options it accepts.
 * {@link #start} runs on the launcher's main thread, in command-line order.
 */
public interface Component {
    /** The name on the command line, e.g. {@code messenger.tcp_transport}. */
    String name();

    /** One line for {@code --help}. */
    String description();

    /** The option names this component accepts; {@code null} when it accepts any (log.level). */
    Set<String> options();

    /** Checks the options without side effects, so that a bad command line starts nothing. */
    default void validate(ComponentRequest request) throws UsageException {
    }

    /**
     * Runs for every component before any starts: for settings others depend on from their first
     * moment (the nexus's tokens must be in place before a transport accepts anyone).
     */
    default void prepare(ControllerRuntime runtime, ComponentRequest request) throws Exception {
    }

    void start(ControllerRuntime runtime, ComponentRequest request) throws Exception;
}

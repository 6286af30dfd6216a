package io.poxlog.launcher;

import java.util.Set;

/** {@code messenger}: the nexus. Other messenger components load it when it is missing. */
final class MessengerComponent implements Component {
    @Override
    public String name() {
        return "messenger";
    }

    @Override
    public String description() {
        return "the messenger nexus: channels, routing, sessions";
    }

    @Override
    public Set<String> options() {
        return Set.of();
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest request) {
        runtime.nexus();
    }
}

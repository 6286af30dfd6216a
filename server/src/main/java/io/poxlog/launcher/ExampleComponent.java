package io.poxlog.launcher;

import io.poxlog.messenger.example.ExampleServices;
import java.util.Set;

/** {@code messenger.example}: POX's example services (upper, echo_*, chat, time, GreetBot). */
final class ExampleComponent implements Component {
    @Override
    public String name() {
        return "messenger.example";
    }

    @Override
    public String description() {
        return "example services: upper, echo_*, chat, time, GreetBot";
    }

    @Override
    public Set<String> options() {
        return Set.of();
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) {
        ExampleServices s = new ExampleServices(runtime.nexus()).start();
        runtime.onStop(s::stop);
    }
}

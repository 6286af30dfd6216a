package io.poxlog.launcher;

import io.poxlog.demo.DemoController;
import java.util.Set;

/** {@code demo}: a simulated SDN controller's log at {@code --rate} records per second. */
final class DemoComponent implements Component {
    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String description() {
        return "a simulated SDN controller logging over a dozen loggers: --rate (records per second, "
                + DemoController.DEFAULT_RATE + ")";
    }

    @Override
    public Set<String> options() {
        return Set.of("rate");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        r.intOption("rate", DemoController.DEFAULT_RATE, 1, DemoController.MAX_RATE);
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        DemoController demo = new DemoController(r.intOption("rate", DemoController.DEFAULT_RATE, 1, DemoController.MAX_RATE)).start();
        runtime.onStop(demo::stop);
    }
}

package io.poxlog.launcher;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The components {@code bin/controller} knows, by name, and the default set. */
final class Components {
    private final Map<String, Component> byName = new LinkedHashMap<>();

    Components() {
        for (Component c : List.of(new MessengerComponent(), new TcpTransportComponent(),
                new ActiveTcpTransportComponent(), new LogServiceComponent(), new ExampleComponent(),
                new LogLevelComponent(), new DemoComponent(), new WebCoreComponent(), new WsTransportComponent(),
                new WebTransportComponent(), new AjaxTransportComponent())) {
            byName.put(c.name(), c);
        }
        byName.put("web.log_viewer", new LogViewerComponent());
    }

    /**
     * What runs when no component is named: the useful default. Services first, transports last,
     * so that no client can connect before the log service is there to join (web.webcore listens
     * after the WebSocket transport and the viewer are mounted on it).
     */
    static List<String> defaults() {
        return List.of("messenger", "messenger.log_service", "messenger.example", "demo", "messenger.ws_transport",
                "web.log_viewer", "web.webcore", "messenger.tcp_transport");
    }

    Component get(String name) {
        return byName.get(name);
    }

    Iterable<Component> all() {
        return byName.values();
    }
}

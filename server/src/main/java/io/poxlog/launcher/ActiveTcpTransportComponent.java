package io.poxlog.launcher;

import io.poxlog.messenger.transport.tcp.ActiveTcpTransport;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.util.Set;

/** {@code messenger.tcp_transport:active}: dial out to another messenger and stay connected. */
final class ActiveTcpTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.tcp_transport:active";
    }

    @Override
    public String description() {
        return "dial out to another messenger: --tcp_address (127.0.0.1) --tcp_port (7790)";
    }

    @Override
    public Set<String> options() {
        return Set.of("tcp_address", "tcp_port");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 1, 65535);
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        ActiveTcpTransport t = new ActiveTcpTransport(runtime.nexus(),
                r.option("tcp_address", TcpTransport.DEFAULT_ADDRESS),
                r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 1, 65535), TcpSettings.DEFAULTS);
        t.start();
        runtime.onStop(t::stop);
    }
}

package io.poxlog.launcher;

import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.util.Set;

/** {@code messenger.tcp_transport}: listen for messenger clients over TCP. */
final class TcpTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.tcp_transport";
    }

    @Override
    public String description() {
        return "listen for clients: --tcp_address (127.0.0.1) --tcp_port (7790; 0 = any free port) "
                + "--max_frame_bytes (1048576)";
    }

    @Override
    public Set<String> options() {
        return Set.of("tcp_address", "tcp_port", "max_frame_bytes");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 0, 65535);
        r.intOption("max_frame_bytes", TcpSettings.DEFAULT_MAX_FRAME_BYTES, 64, Integer.MAX_VALUE);
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        TcpSettings settings = TcpSettings.DEFAULTS.withMaxFrameBytes(
                r.intOption("max_frame_bytes", TcpSettings.DEFAULT_MAX_FRAME_BYTES, 64, Integer.MAX_VALUE));
        TcpTransport t = new TcpTransport(runtime.nexus(),
                r.option("tcp_address", TcpTransport.DEFAULT_ADDRESS),
                r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 0, 65535), settings);
        t.start();
        runtime.onStop(t::stop);
        runtime.listeningOn(t.boundAddress());
    }
}

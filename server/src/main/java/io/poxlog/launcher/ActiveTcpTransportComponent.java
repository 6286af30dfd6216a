package io.poxlog.launcher;

import io.netty.handler.ssl.SslContext;
import io.poxlog.messenger.transport.tcp.ActiveTcpTransport;
import io.poxlog.messenger.transport.netty.ServerTls;
import io.poxlog.messenger.transport.tcp.TcpSettings;
import io.poxlog.messenger.transport.tcp.TcpTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** {@code messenger.tcp_transport:active}: dial out to another messenger and stay connected. */
final class ActiveTcpTransportComponent implements Component {
    @Override
    public String name() {
        return "messenger.tcp_transport:active";
    }

    @Override
    public String description() {
        return "dial out to another messenger: --tcp_address (127.0.0.1) --tcp_port (7790) "
                + "--tls_ca=FILE (speak TLS, trusting the CA certificates of this PEM file) "
                + "--token_file=FILE (authenticate with its first line when the remote asks)";
    }

    @Override
    public Set<String> options() {
        return Set.of("tcp_address", "tcp_port", "tls_ca", "token_file");
    }

    @Override
    public void validate(ComponentRequest r) throws UsageException {
        r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 1, 65535);
        tls(r);
        token(r);
    }

    /** The first line of --token_file that is not blank nor a # comment; null without the option. */
    private static String token(ComponentRequest r) throws UsageException {
        String file = r.option("token_file", null);
        if (file == null) {
            return null;
        }
        if (file.equals("true") || file.isBlank()) {
            throw new UsageException(r.name() + ": --token_file needs a file: --token_file=FILE");
        }
        try {
            return Files.readAllLines(Path.of(file)).stream().map(String::strip)
                    .filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .orElseThrow(() -> new UsageException(r.name() + ": the token file " + file + " holds no token"));
        } catch (IOException e) {
            throw new UsageException(r.name() + ": cannot read the token file " + file + ": " + e);
        }
    }

    private static SslContext tls(ComponentRequest r) throws UsageException {
        String ca = r.option("tls_ca", null);
        if (ca == null) {
            return null;
        }
        if (ca.equals("true")) {
            throw new UsageException(r.name() + ": --tls_ca needs a file: --tls_ca=FILE");
        }
        try {
            return ServerTls.trustingCa(Path.of(ca));
        } catch (IllegalArgumentException e) {
            throw new UsageException(r.name() + ": " + e.getMessage());
        }
    }

    @Override
    public void start(ControllerRuntime runtime, ComponentRequest r) throws Exception {
        ActiveTcpTransport t = new ActiveTcpTransport(runtime.nexus(),
                r.option("tcp_address", TcpTransport.DEFAULT_ADDRESS),
                r.intOption("tcp_port", TcpTransport.DEFAULT_PORT, 1, 65535), TcpSettings.DEFAULTS, tls(r), token(r));
        t.start();
        runtime.onStop(t::stop);
    }
}

package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.ClientOptions;
import io.poxlog.viewer.client.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Which controllers {@code pox-log} speaks to and how: {@code --address}/{@code --port} (POX's),
 * {@code --connect}, TLS and the token. A mixin of the tailing command whose options its
 * subcommands inherit, so {@code pox-log levels --port 7791} and {@code pox-log --port 7791
 * levels} are the same.
 */
final class ConnectionOptions {
    static final String DEFAULT_ADDRESS = "127.0.0.1";
    static final int DEFAULT_PORT = 7790;

    @Option(names = "--address", defaultValue = DEFAULT_ADDRESS, scope = ScopeType.INHERIT,
            description = "Controller address (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", defaultValue = "" + DEFAULT_PORT, scope = ScopeType.INHERIT,
            description = "Controller messenger port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--connect", paramLabel = "HOST:PORT|URL", scope = ScopeType.INHERIT,
            description = "A controller to follow: HOST:PORT (its TCP transport), or ws://HOST:PORT/_webmsg/ws "
                    + "(wss:// with TLS: its WebSocket transport); repeat for several (records merge in time order). "
                    + "Replaces --address/--port.")
    List<String> connect = new ArrayList<>();

    @CommandLine.Mixin
    SecurityOptions security = new SecurityOptions();

    /** The controllers named. @throws CommandLine.ParameterException naming the option that is wrong */
    List<Endpoint> endpoints(CommandLine cl) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (connect.isEmpty()) {
            if (port < 1 || port > 65535) {
                throw new CommandLine.ParameterException(cl, "--port must be 1-65535, not " + port);
            }
            endpoints.add(Endpoint.tcp(address, port));
            return endpoints;
        }
        for (String c : connect) {
            Endpoint e;
            try {
                e = Endpoint.parse(c);
            } catch (IllegalArgumentException ex) {
                throw new CommandLine.ParameterException(cl, "--connect " + ex.getMessage());
            }
            if (e.webSocket() && !e.secure() && security.asksForTls()) {
                // --tls* mean "with TLS"; a ws:// URL says without: the token would cross in the clear.
                throw new CommandLine.ParameterException(cl, "--connect " + c + ": --tls, --tls-ca and --tls-fingerprint "
                        + "ask for TLS, and ws:// is without it: use wss://");
            }
            endpoints.add(e);
        }
        return endpoints;
    }

    /** {@code base} with the TLS and token asked for. @throws CommandLine.ParameterException */
    ClientOptions client(CommandLine cl, ClientOptions base, Map<String, String> env) {
        try {
            return base.withTls(security.clientTls()).withToken(security.token(env));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }
}

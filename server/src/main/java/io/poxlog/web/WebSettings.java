package io.poxlog.web;

import io.netty.handler.ssl.SslContext;
import java.util.List;

/**
 * How one {@link WebServer} listens and whom it answers.
 *
 * @param address the address to listen on ({@link #DEFAULT_ADDRESS}: loopback, unlike POX's every address)
 * @param port the port; 0 picks a free one
 * @param limits what clients are allowed
 * @param tls with non-null, clients must speak TLS (see {@code ServerTls})
 * @param allowedHosts names besides the bound address (and {@code localhost} on loopback) that
 *        requests may give in {@code Host}: a request naming another is refused, so that a page
 *        whose name was rebound to this address (DNS rebinding) gets nothing
 * @param allowedOrigins origins ({@code https://ops.example:8443}) besides the server's own whose
 *        pages may change state or upgrade a connection ({@link WebExchange#checkOrigin})
 */
public record WebSettings(String address, int port, WebLimits limits, SslContext tls, List<String> allowedHosts,
                          List<String> allowedOrigins) {
    public static final String DEFAULT_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_PORT = 8000;

    public static final WebSettings DEFAULTS = new WebSettings(DEFAULT_ADDRESS, DEFAULT_PORT, WebLimits.DEFAULTS,
            null, List.of(), List.of());

    public WebSettings {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0-65535, not " + port);
        }
        if (address == null || limits == null) {
            throw new IllegalArgumentException("address and limits must be given");
        }
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        for (String o : allowedOrigins) {
            ServedNames.origin(o); // throws, naming it, when it is not scheme://host[:port]
        }
    }

    public WebSettings withAddress(String a, int p) {
        return new WebSettings(a, p, limits, tls, allowedHosts, allowedOrigins);
    }

    public WebSettings withLimits(WebLimits l) {
        return new WebSettings(address, port, l, tls, allowedHosts, allowedOrigins);
    }

    public WebSettings withTls(SslContext t) {
        return new WebSettings(address, port, limits, t, allowedHosts, allowedOrigins);
    }

    public WebSettings withAllowedHosts(List<String> hosts) {
        return new WebSettings(address, port, limits, tls, hosts, allowedOrigins);
    }

    public WebSettings withAllowedOrigins(List<String> origins) {
        return new WebSettings(address, port, limits, tls, allowedHosts, origins);
    }
}

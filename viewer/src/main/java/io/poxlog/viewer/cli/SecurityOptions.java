package io.poxlog.viewer.cli;

import io.poxlog.viewer.client.ClientTls;
import io.poxlog.viewer.client.ClientToken;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every client shares for a controller that asks for TLS or a token (a picocli
 * mixin of {@code bin/pox-log} and {@code bin/test-client}).
 */
final class SecurityOptions {
    @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Connect with TLS, trusting the system's CAs (unless --tls-ca or --tls-fingerprint).")
    boolean tls;

    @Option(names = "--tls-ca", paramLabel = "FILE", scope = ScopeType.INHERIT, description = "Connect with TLS, trusting the CA certificates in this PEM file.")
    Path tlsCa;

    @Option(names = "--tls-fingerprint", paramLabel = "SHA256", scope = ScopeType.INHERIT,
            description = "Connect with TLS, trusting only the certificate with this SHA-256 fingerprint (hex, colons allowed).")
    String tlsFingerprint;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Authenticate with the token in this file (default: the environment variable " + ClientToken.ENV + ").")
    Path tokenFile;

    /** Whether any TLS option is given. */
    boolean asksForTls() {
        return tls || tlsCa != null || tlsFingerprint != null;
    }

    /** TLS as the options ask, or null for plain TCP. @throws IllegalArgumentException saying what is wrong */
    ClientTls clientTls() {
        return ClientTls.fromOptions(tls, tlsCa, tlsFingerprint);
    }

    /** The token from --token-file or the environment; null for none. @throws IllegalArgumentException */
    String token(Map<String, String> env) {
        return ClientToken.resolve(tokenFile, env);
    }
}

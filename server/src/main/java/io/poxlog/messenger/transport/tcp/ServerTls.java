package io.poxlog.messenger.transport.tcp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the TLS context of a listening transport from PEM files: a certificate chain, and its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}; convert others with
 * {@code openssl pkcs8 -topk8 -nocrypt}). Uses the JDK's TLS, so no native library is needed.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static SslContext fromPem(Path certificate, Path privateKey) {
        for (Path p : new Path[] {certificate, privateKey}) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p);
            }
        }
        try {
            return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
        } catch (Exception | Error e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("cannot use certificate " + certificate + " with key " + privateKey
                    + " (PEM certificate chain and unencrypted PKCS#8 PEM key expected): " + root.getMessage(), e);
        }
    }
}

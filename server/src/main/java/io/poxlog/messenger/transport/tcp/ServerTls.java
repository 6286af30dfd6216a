package io.poxlog.messenger.transport.tcp;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Makes the TLS contexts of the transports from PEM files. For a listening transport: a certificate chain, and its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}; convert others with
 * {@code openssl pkcs8 -topk8 -nocrypt}). Uses the JDK's TLS, so no native library is needed.
 */
public final class ServerTls {
    private ServerTls() {
    }

    /** @throws IllegalArgumentException naming the file and what is wrong with it */
    public static SslContext fromPem(Path certificate, Path privateKey) {
        readable(certificate, privateKey);
        try {
            return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile()).build();
        } catch (Exception | Error e) {
            throw new IllegalArgumentException("cannot use certificate " + certificate + " with key " + privateKey
                    + " (PEM certificate chain and unencrypted PKCS#8 PEM key expected): " + rootMessage(e), e);
        }
    }

    /**
     * For the active transport: a client context trusting the CA certificates (or the
     * self-signed certificate) of a PEM file. The host name is checked when dialling.
     */
    public static SslContext trustingCa(Path caFile) {
        readable(caFile);
        try {
            return SslContextBuilder.forClient().trustManager(caFile.toFile()).build();
        } catch (Exception | Error e) {
            throw new IllegalArgumentException("cannot use " + caFile + " as CA certificates (PEM expected): "
                    + rootMessage(e), e);
        }
    }

    private static void readable(Path... files) {
        for (Path p : files) {
            if (!Files.isReadable(p)) {
                throw new IllegalArgumentException("cannot read " + p);
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

package io.poxlog.messenger.transport.netty;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Makes the TLS contexts of the transports from PEM files. For a listening transport: a certificate chain, and its
 * unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}; convert others with
 * {@code openssl pkcs8 -topk8 -nocrypt}). Uses the JDK's TLS, so no native library is needed.
 *
 * <p>A listening transport speaks TLS 1.3 only unless told to accept TLS 1.2 as well; either way
 * a client's renegotiation is refused ({@link RenegotiationRefusingEngine}).
 */
public final class ServerTls {
    public static final String TLS_1_3 = "TLSv1.3";
    public static final String TLS_1_2 = "TLSv1.2";
    public static final List<String> DEFAULT_PROTOCOLS = List.of(TLS_1_3);

    private ServerTls() {
    }

    /** Speaking {@link #DEFAULT_PROTOCOLS}. */
    public static SslContext fromPem(Path certificate, Path privateKey) {
        return fromPem(certificate, privateKey, DEFAULT_PROTOCOLS);
    }

    /**
     * Speaking {@code protocols}, some of {@link #TLS_1_3} and {@link #TLS_1_2}.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it, or the protocol
     */
    public static SslContext fromPem(Path certificate, Path privateKey, List<String> protocols) {
        if (protocols.isEmpty() || !List.of(TLS_1_3, TLS_1_2).containsAll(protocols)) {
            throw new IllegalArgumentException("TLS protocols must be " + TLS_1_3 + ", " + TLS_1_2
                    + " or both, not " + protocols);
        }
        readable(certificate, privateKey);
        try {
            // The JDK's, even when the application embedding us has netty-tcnative: Netty would pick
            // OpenSSL then, whose engines are reference-counted natives that our wrapping engine
            // would hide from the SslHandler that must release them.
            return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile())
                    .sslProvider(SslProvider.JDK).protocols(protocols).build();
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
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(caFile.toFile()).build();
        } catch (Exception | Error e) {
            throw new IllegalArgumentException("cannot use " + caFile + " as CA certificates (PEM expected): "
                    + rootMessage(e), e);
        }
    }

    /**
     * The TLS handler of one accepted connection, refusing the client's renegotiation. Public for
     * {@code web.webcore}, whose connections are protected the same way.
     */
    public static SslHandler serverHandler(SslContext tls, ByteBufAllocator alloc) {
        return new SslHandler(new RenegotiationRefusingEngine(tls.newEngine(alloc)));
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

package io.poxlog.testing;

import io.netty.handler.ssl.util.SelfSignedCertificate;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost}, made at test time (Netty's generator, with
 * BouncyCastle, a test dependency), as PEM files a server can load, and a client context that
 * trusts it alone. {@link #close} deletes the files.
 */
public final class TestCertificate implements AutoCloseable {
    private final SelfSignedCertificate cert;

    public TestCertificate() throws Exception {
        cert = new SelfSignedCertificate("localhost");
    }

    public Path certificateFile() {
        return cert.certificate().toPath();
    }

    public Path privateKeyFile() {
        return cert.privateKey().toPath();
    }

    public X509Certificate x509() {
        return cert.cert();
    }

    /** The SHA-256 fingerprint of the certificate, as hex pairs joined by colons. */
    public String sha256() throws Exception {
        byte[] d = MessageDigest.getInstance("SHA-256").digest(cert.cert().getEncoded());
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(d);
    }

    /** A JDK TLS context that trusts this certificate and nothing else. */
    public SSLContext trustingIt() throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("test", cert.cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    @Override
    public void close() {
        cert.delete();
    }
}

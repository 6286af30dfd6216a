package io.poxlog.viewer.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * How a client trusts a controller's TLS certificate: the system's CAs, the CAs of a PEM file
 * (both with the host name checked against the certificate), or one certificate pinned by its
 * SHA-256 fingerprint (the pin is the identity, so no host name check). The JDK's TLS only.
 * Immutable and thread-safe.
 */
public final class ClientTls {
    private final SSLContext context;
    private final boolean checkHostName;
    private final String description;

    private ClientTls(TrustManager[] trust, boolean checkHostName, String description) {
        try {
            this.context = SSLContext.getInstance("TLS");
            context.init(null, trust, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no TLS: " + e.getMessage(), e);
        }
        this.checkHostName = checkHostName;
        this.description = description;
    }

    /**
     * The TLS a command line asks for: {@code --tls-ca FILE}, {@code --tls-fingerprint SHA256},
     * or {@code --tls} alone (the system's CAs); null for plain TCP when none is given.
     *
     * @throws IllegalArgumentException when both a CA file and a fingerprint are given, or either is bad
     */
    public static ClientTls fromOptions(boolean tls, Path caFile, String fingerprint) {
        if (caFile != null && fingerprint != null) {
            throw new IllegalArgumentException("give --tls-ca or --tls-fingerprint, not both");
        }
        if (caFile != null) {
            return trustingCa(caFile);
        }
        if (fingerprint != null) {
            return pinned(fingerprint);
        }
        return tls ? systemTrust() : null;
    }

    /** Trusts the CAs the JDK trusts. */
    public static ClientTls systemTrust() {
        return new ClientTls(null, true, "the system's CAs");
    }

    /** Trusts the CA certificates (or a self-signed server certificate) of a PEM file. */
    public static ClientTls trustingCa(Path pemFile) {
        try (InputStream in = Files.newInputStream(pemFile)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("no certificate in " + pemFile);
            }
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                ks.setCertificateEntry("ca" + i++, c);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            return new ClientTls(tmf.getTrustManagers(), true, "the CAs of " + pemFile);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read CA certificates from " + pemFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Trusts exactly the certificate whose SHA-256 fingerprint is {@code sha256}: 64 hex digits,
     * with or without colons (as {@code openssl x509 -fingerprint -sha256} prints it).
     */
    public static ClientTls pinned(String sha256) {
        String hex = sha256.replace(":", "").strip().toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a SHA-256 fingerprint is 64 hex digits (colons allowed), not '" + sha256 + "'");
        }
        return new ClientTls(new TrustManager[] {new PinnedTrust(HexFormat.of().parseHex(hex))}, false,
                "the pinned certificate " + hex);
    }

    /**
     * The context, for the JDK's HTTP client (WebSocket, {@code wss://}), which checks the host
     * name itself, as {@link #wrap} does for the CAs; a pinned certificate's trust manager
     * ignores it, as the pin is the identity.
     */
    SSLContext context() {
        return context;
    }

    /** Starts TLS over {@code connected} (a socket to {@code host}) and completes the handshake. */
    public Socket wrap(Socket connected, String host, int port) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(connected, host, port, true);
        if (checkHostName) {
            SSLParameters p = s.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
        }
        s.startHandshake();
        return s;
    }

    @Override
    public String toString() {
        return "TLS trusting " + description;
    }

    /**
     * Accepts exactly one certificate, by fingerprint, whoever signed it, and for whatever host
     * name: an extended trust manager, so that the JDK does not add its own host name check
     * where the connection asks for one (its HTTP client always does).
     */
    private static final class PinnedTrust extends X509ExtendedTrustManager {
        private final byte[] pin;

        PinnedTrust(byte[] pin) {
            this.pin = pin;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("the server sent no certificate");
            }
            byte[] actual;
            try {
                actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
            if (!MessageDigest.isEqual(actual, pin)) {
                throw new CertificateException("the server's certificate has SHA-256 fingerprint "
                        + HexFormat.of().formatHex(actual) + ", not the pinned " + HexFormat.of().formatHex(pin));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a client does not check client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}

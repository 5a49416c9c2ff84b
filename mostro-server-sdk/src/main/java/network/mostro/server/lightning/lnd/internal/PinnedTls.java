package network.mostro.server.lightning.lnd.internal;

import java.io.ByteArrayInputStream;
import java.net.IDN;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import network.mostro.nostr.InvalidInputException;

/**
 * TLS that trusts exactly one certificate: the node's {@code tls.cert}. LND's certificate is self-signed and lists
 * {@code localhost}, the host name and the node's IP addresses as subject alternative names, so the usual PKIX path
 * building is replaced by a byte-for-byte comparison with the pinned certificate, and the host name check (optional)
 * is made against that certificate's SANs. Thread-safe.
 */
public final class PinnedTls {
    private PinnedTls() {}

    /** Raised inside the handshake when the server presents another certificate than the pinned one. */
    static final class PinMismatchException extends CertificateException {
        private static final long serialVersionUID = 1L;

        PinMismatchException(String message) {
            super(message);
        }
    }

    /**
     * Parses the first certificate of a PEM file ({@code -----BEGIN CERTIFICATE-----}); DER is accepted too.
     *
     * @throws InvalidInputException if the bytes hold no X.509 certificate
     */
    public static X509Certificate parseCertificate(byte[] pemOrDer) {
        if (pemOrDer == null || pemOrDer.length == 0) {
            throw new InvalidInputException("TLS certificate is empty");
        }
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            Collection<? extends java.security.cert.Certificate> certs =
                    cf.generateCertificates(new ByteArrayInputStream(pemOrDer));
            for (java.security.cert.Certificate c : certs) {
                if (c instanceof X509Certificate x) {
                    return x;
                }
            }
        } catch (CertificateException | RuntimeException e) {
            throw new InvalidInputException("TLS certificate is not a PEM or DER X.509 certificate", e);
        }
        String head = new String(pemOrDer, 0, Math.min(pemOrDer.length, 40), StandardCharsets.US_ASCII);
        throw new InvalidInputException("no X.509 certificate found (file starts with '"
                + head.replaceAll("[^ -~]", "?") + "')");
    }

    /** An SSL context whose only trust anchor is {@code pinned}, checking host names against its SANs if asked. */
    public static SSLContext context(X509Certificate pinned, boolean verifyHostname) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new PinningTrustManager(pinned, verifyHostname)}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** Whether {@code cert}'s subject alternative names cover {@code host} (DNS name or IP literal). */
    static boolean hostMatches(X509Certificate cert, String host) throws CertificateParsingException {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] ip = ipLiteral(h);
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans == null) {
            return false;
        }
        for (List<?> san : sans) {
            if (san.size() < 2 || !(san.get(0) instanceof Integer type) || !(san.get(1) instanceof String value)) {
                continue;
            }
            if (type == 7 && ip != null) {
                byte[] sanIp = ipLiteral(value);
                if (sanIp != null && Arrays.equals(sanIp, ip)) {
                    return true;
                }
            } else if (type == 2 && ip == null && dnsMatches(value, h)) {
                return true;
            }
        }
        return false;
    }

    private static boolean dnsMatches(String pattern, String host) {
        String p = toAscii(pattern);
        String n = toAscii(host);
        if (p == null || n == null) {
            return false;
        }
        if (p.startsWith("*.")) {
            int dot = n.indexOf('.');
            return dot > 0 && n.substring(dot).equals(p.substring(1));
        }
        return p.equals(n);
    }

    private static String toAscii(String name) {
        try {
            String s = IDN.toASCII(name).toLowerCase(Locale.ROOT);
            return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The address bytes of an IPv4 or IPv6 literal, or null if {@code s} is not one (never resolves names). */
    static byte[] ipLiteral(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        boolean v6 = s.indexOf(':') >= 0;
        boolean v4 = !v6 && s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.') && s.chars().filter(c -> c == '.').count() == 3;
        if (!v4 && !(v6 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.'))) {
            return null;
        }
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException | SecurityException e) {
            return null;
        }
    }

    /** Trusts exactly the pinned certificate. Extended, so the JDK does not add its own PKIX host name check. */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final X509Certificate pinned;
        private final byte[] pinnedEncoded;
        private final boolean verifyHostname;

        PinningTrustManager(X509Certificate pinned, boolean verifyHostname) {
            this.pinned = pinned;
            try {
                this.pinnedEncoded = pinned.getEncoded();
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new InvalidInputException("pinned certificate cannot be encoded", e);
            }
            this.verifyHostname = verifyHostname;
        }

        private void check(X509Certificate[] chain, String host) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new PinMismatchException("server presented no certificate");
            }
            if (!Arrays.equals(chain[0].getEncoded(), pinnedEncoded)) {
                throw new PinMismatchException("server certificate does not match the pinned LND tls.cert (subject "
                        + chain[0].getSubjectX500Principal().getName() + ")");
            }
            if (verifyHostname && !hostMatches(pinned, host)) {
                throw new PinMismatchException("host '" + host + "' is not among the tls.cert subject alternative"
                        + " names; add it with LND's tlsextraip/tlsextradomain or disable host name verification");
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            check(chain, engine == null ? null : engine.getPeerHost());
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            String host = socket == null || socket.getInetAddress() == null ? null
                    : socket.getInetAddress().getHostAddress();
            check(chain, host);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (verifyHostname) {
                throw new PinMismatchException("host name unknown to the trust manager");
            }
            check(chain, null);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not accepted");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[] {pinned};
        }
    }
}

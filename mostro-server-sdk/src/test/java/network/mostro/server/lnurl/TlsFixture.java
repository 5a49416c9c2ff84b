package network.mostro.server.lnurl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made at test time with the JDK's {@code keytool} (nothing committed): the
 * server's SSL context and a client context that trusts exactly that certificate.
 */
final class TlsFixture {
    private static final char[] PASS = "changeit".toCharArray();
    private static TlsFixture instance;

    final SSLContext server;
    final SSLContext client;

    private TlsFixture(SSLContext server, SSLContext client) {
        this.server = server;
        this.client = client;
    }

    static synchronized TlsFixture get() {
        if (instance == null) {
            instance = make();
        }
        return instance;
    }

    private static TlsFixture make() {
        try {
            Path dir = Files.createTempDirectory("lnurl-tls");
            Path ks = dir.resolve("server.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "lnurl", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                    "-storepass", new String(PASS), "-keypass", new String(PASS)))
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                store.load(in, PASS);
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, PASS);
            SSLContext server = SSLContext.getInstance("TLS");
            server.init(kmf.getKeyManagers(), null, null);

            Certificate cert = store.getCertificate("lnurl");
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("lnurl", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS");
            client.init(null, tmf.getTrustManagers(), null);
            Files.deleteIfExists(ks);
            Files.deleteIfExists(dir);
            return new TlsFixture(server, client);
        } catch (IOException | InterruptedException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}

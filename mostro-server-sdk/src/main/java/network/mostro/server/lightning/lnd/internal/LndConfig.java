package network.mostro.server.lightning.lnd.internal;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Validated settings of an LND REST backend, built by {@code LndBackend.Builder}. Immutable.
 *
 * @param baseUri the REST endpoint, {@code https://host:port} (no trailing slash)
 * @param macaroonHex the macaroon, lowercase hex, sent as {@code Grpc-Metadata-macaroon}
 * @param tlsCertificate the node's {@code tls.cert}, the only certificate trusted
 * @param verifyHostname whether the URL host must be one of the certificate's SANs
 * @param connectTimeout TCP+TLS connect timeout
 * @param requestTimeout timeout of unary calls (until the answer's headers)
 * @param paymentGrace how long past a payment's route-search timeout to wait for its outcome
 * @param reconnectMin first delay before reconnecting a dropped stream
 * @param reconnectMax cap of the exponential reconnect delay
 * @param streamIdleTimeout an invoice stream silent this long is reconnected (catches half-open connections)
 * @param callbackExecutor where listeners and returned stages run, or null for an owned pool
 * @param maxResponseBytes bound on a unary body and on one stream line
 */
public record LndConfig(URI baseUri, String macaroonHex, X509Certificate tlsCertificate, boolean verifyHostname,
        Duration connectTimeout, Duration requestTimeout, Duration paymentGrace, Duration reconnectMin,
        Duration reconnectMax, Duration streamIdleTimeout, Executor callbackExecutor, int maxResponseBytes) {
    /** Checks presence. */
    public LndConfig {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(macaroonHex, "macaroonHex");
        Objects.requireNonNull(tlsCertificate, "tlsCertificate");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(paymentGrace, "paymentGrace");
        Objects.requireNonNull(reconnectMin, "reconnectMin");
        Objects.requireNonNull(reconnectMax, "reconnectMax");
        Objects.requireNonNull(streamIdleTimeout, "streamIdleTimeout");
    }
}

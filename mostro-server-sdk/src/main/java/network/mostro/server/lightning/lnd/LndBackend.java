package network.mostro.server.lightning.lnd;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.lightning.HoldInvoice;
import network.mostro.server.lightning.HoldInvoiceRequest;
import network.mostro.server.lightning.InvoiceListener;
import network.mostro.server.lightning.InvoiceSubscription;
import network.mostro.server.lightning.InvoiceUpdate;
import network.mostro.server.lightning.LightningBackend;
import network.mostro.server.lightning.NodeInfo;
import network.mostro.server.lightning.PayRequest;
import network.mostro.server.lightning.Payment;
import network.mostro.server.lightning.lnd.internal.LndConfig;
import network.mostro.server.lightning.lnd.internal.LndRestBackend;
import network.mostro.server.lightning.lnd.internal.PinnedTls;

/**
 * A {@link LightningBackend} backed by an LND node's REST API (the daemon's Lightning node, SPEC §10).
 *
 * <pre>{@code
 * try (LndBackend lnd = LndBackend.builder()
 *         .restUrl("https://127.0.0.1:8080")
 *         .macaroonFile(Path.of("/root/.lnd/data/chain/bitcoin/regtest/admin.macaroon"))
 *         .tlsCertificate(Path.of("/root/.lnd/tls.cert"))
 *         .build()) {
 *     NodeInfo info = lnd.getInfo().toCompletableFuture().join();
 * }
 * }</pre>
 *
 * <p>Calls: {@code GetInfo}, {@code AddHoldInvoice}, {@code SettleInvoice}, {@code CancelInvoice},
 * {@code LookupInvoice}, {@code SubscribeSingleInvoice}, {@code SendPaymentV2} and {@code TrackPaymentV2}. TLS
 * trusts exactly the node's {@code tls.cert}; the macaroon travels in the {@code Grpc-Metadata-macaroon} header.
 * Invoice subscriptions reconnect with exponential backoff after a dropped or silent stream and re-read the
 * invoice first, so no state change is lost; {@link #sendPayment} tracks a payment LND already knows instead of
 * paying twice. Only the JDK's {@code java.net.http} and Jackson are used.
 *
 * <p>Lifecycle: the backend opens no connection until the first call; {@link #close()} fails pending stages and
 * live subscriptions with {@code CLOSED} and stops its threads. Thread-safe: share one instance.
 */
public final class LndBackend implements LightningBackend {
    private final LndRestBackend impl;

    private LndBackend(LndRestBackend impl) {
        this.impl = impl;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<NodeInfo> getInfo() {
        return impl.getInfo();
    }

    @Override
    public CompletionStage<HoldInvoice> addHoldInvoice(HoldInvoiceRequest request) {
        return impl.addHoldInvoice(request);
    }

    @Override
    public CompletionStage<Void> settleHoldInvoice(String preimageHex) {
        return impl.settleHoldInvoice(preimageHex);
    }

    @Override
    public CompletionStage<Void> cancelHoldInvoice(String paymentHashHex) {
        return impl.cancelHoldInvoice(paymentHashHex);
    }

    @Override
    public CompletionStage<InvoiceUpdate> lookupInvoice(String paymentHashHex) {
        return impl.lookupInvoice(paymentHashHex);
    }

    @Override
    public InvoiceSubscription subscribeInvoice(String paymentHashHex, InvoiceListener listener) {
        return impl.subscribeInvoice(paymentHashHex, listener);
    }

    @Override
    public CompletionStage<Payment> sendPayment(PayRequest request) {
        return impl.sendPayment(request);
    }

    @Override
    public CompletionStage<Payment> trackPayment(String paymentHashHex) {
        return impl.trackPayment(paymentHashHex);
    }

    @Override
    public void close() {
        impl.close();
    }

    /**
     * Configures an {@link LndBackend}. Required: {@link #restUrl}, a macaroon ({@link #macaroonHex} or
     * {@link #macaroonFile}) and the node's certificate ({@link #tlsCertificate} or {@link #tlsCertificatePem}).
     * Not thread-safe; {@link #build()} validates and reads the files.
     */
    public static final class Builder {
        private String restUrl;
        private String macaroonHex;
        private Path macaroonFile;
        private Path certFile;
        private String certPem;
        private boolean verifyHostname = true;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration paymentGrace = Duration.ofSeconds(60);
        private Duration reconnectMin = Duration.ofMillis(250);
        private Duration reconnectMax = Duration.ofSeconds(30);
        private Duration streamIdleTimeout = Duration.ofMinutes(10);
        private Executor executor;
        private int maxResponseBytes = 4 * 1024 * 1024;

        private Builder() {}

        /** The REST endpoint, e.g. {@code https://127.0.0.1:8080} (LND's {@code restlisten}); https only. */
        public Builder restUrl(String url) {
            this.restUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /** The macaroon as hex (e.g. {@code xxd -p -c 10000 admin.macaroon}); replaces {@link #macaroonFile}. */
        public Builder macaroonHex(String hex) {
            this.macaroonHex = Objects.requireNonNull(hex, "hex");
            this.macaroonFile = null;
            return this;
        }

        /** The binary macaroon file (e.g. {@code admin.macaroon}), read by {@link #build()}. */
        public Builder macaroonFile(Path file) {
            this.macaroonFile = Objects.requireNonNull(file, "file");
            this.macaroonHex = null;
            return this;
        }

        /** The node's {@code tls.cert} (PEM), read by {@link #build()}; the only certificate trusted. */
        public Builder tlsCertificate(Path file) {
            this.certFile = Objects.requireNonNull(file, "file");
            this.certPem = null;
            return this;
        }

        /** The node's {@code tls.cert} as PEM text. */
        public Builder tlsCertificatePem(String pem) {
            this.certPem = Objects.requireNonNull(pem, "pem");
            this.certFile = null;
            return this;
        }

        /**
         * Whether the URL's host must be a subject alternative name of {@code tls.cert} (default: true). LND lists
         * {@code localhost}, its host name and its IPs, plus {@code tlsextraip}/{@code tlsextradomain}; turn this
         * off to reach the node under another name (the certificate stays pinned).
         */
        public Builder verifyHostname(boolean verify) {
            this.verifyHostname = verify;
            return this;
        }

        /** TCP and TLS connect timeout (default: 10 s). */
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d, "connectTimeout");
            return this;
        }

        /** Timeout of a unary call, e.g. AddHoldInvoice (default: 30 s); a slower answer fails with TIMEOUT. */
        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d, "requestTimeout");
            return this;
        }

        /**
         * How long past a payment's route-search timeout {@code sendPayment} waits for the final outcome before
         * failing with TIMEOUT (outcome unknown; track it later) (default: 60 s).
         */
        public Builder paymentGrace(Duration d) {
            this.paymentGrace = nonNegative(d, "paymentGrace");
            return this;
        }

        /** First and maximum delay of the exponential reconnect backoff (default: 250 ms, 30 s). */
        public Builder reconnectBackoff(Duration min, Duration max) {
            Duration a = positive(min, "min");
            Duration b = positive(max, "max");
            if (b.compareTo(a) < 0) {
                throw new InvalidInputException("reconnect backoff max < min");
            }
            this.reconnectMin = a;
            this.reconnectMax = b;
            return this;
        }

        /**
         * An invoice stream silent this long is reconnected (it re-reads the state, so nothing is lost), which
         * catches half-open connections (default: 10 min).
         */
        public Builder streamIdleTimeout(Duration d) {
            this.streamIdleTimeout = positive(d, "streamIdleTimeout");
            return this;
        }

        /**
         * Where invoice listeners and completions of returned stages run (default: a pool the backend owns and
         * stops on close). Listener calls for one subscription are never concurrent.
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Largest accepted answer body or stream line (default: 4 MiB). */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new InvalidInputException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Validates the settings, reads the macaroon and certificate files, and returns the backend.
         *
         * @throws InvalidInputException if a setting is missing or invalid or a file cannot be read or parsed
         */
        public LndBackend build() {
            URI uri = parseUrl(restUrl);
            String mac = macaroon();
            X509Certificate cert = certificate();
            LndConfig cfg = new LndConfig(uri, mac, cert, verifyHostname, connectTimeout, requestTimeout,
                    paymentGrace, reconnectMin, reconnectMax, streamIdleTimeout, executor, maxResponseBytes);
            return new LndBackend(new LndRestBackend(cfg));
        }

        private static URI parseUrl(String url) {
            if (url == null) {
                throw new InvalidInputException("restUrl is required");
            }
            URI u;
            try {
                u = new URI(url.strip());
            } catch (URISyntaxException e) {
                throw new InvalidInputException("restUrl is not a URL: " + e.getMessage(), e);
            }
            if (!"https".equalsIgnoreCase(u.getScheme()) || u.getHost() == null) {
                throw new InvalidInputException("restUrl must be https://host:port (LND's REST listener)");
            }
            if (u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                throw new InvalidInputException("restUrl must not carry a query, fragment or user info");
            }
            String s = u.toString();
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            return URI.create(s);
        }

        private String macaroon() {
            if (macaroonFile != null) {
                byte[] b;
                try {
                    b = Files.readAllBytes(macaroonFile);
                } catch (IOException | RuntimeException e) {
                    throw new InvalidInputException("cannot read macaroon file " + macaroonFile + ": " + e, e);
                }
                if (b.length == 0) {
                    throw new InvalidInputException("macaroon file " + macaroonFile + " is empty");
                }
                return HexFormat.of().formatHex(b);
            }
            if (macaroonHex == null) {
                throw new InvalidInputException("a macaroon is required (macaroonHex or macaroonFile)");
            }
            String h = macaroonHex.strip().toLowerCase(Locale.ROOT);
            if (h.isEmpty() || h.length() % 2 != 0 || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new InvalidInputException("macaroon must be non-empty hex with an even number of digits");
            }
            return h;
        }

        private X509Certificate certificate() {
            if (certFile != null) {
                try {
                    return PinnedTls.parseCertificate(Files.readAllBytes(certFile));
                } catch (IOException | RuntimeException e) {
                    if (e instanceof InvalidInputException iie) {
                        throw iie;
                    }
                    throw new InvalidInputException("cannot read TLS certificate " + certFile + ": " + e, e);
                }
            }
            if (certPem == null) {
                throw new InvalidInputException("the node's tls.cert is required (tlsCertificate or tlsCertificatePem)");
            }
            return PinnedTls.parseCertificate(certPem.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new InvalidInputException(what + " must be positive");
            }
            return d;
        }

        private static Duration nonNegative(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative()) {
                throw new InvalidInputException(what + " must not be negative");
            }
            return d;
        }
    }
}

package network.mostro.server.lnurl;

import java.net.InetAddress;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.lnurl.internal.LnurlResolver;

/**
 * {@link LnurlPay} over HTTPS with the JDK's {@code java.net.http} client: Lightning addresses (LUD-16) and bech32
 * LNURLs (LUD-01) resolved through LNURL-pay (LUD-06), as the daemon does for buyer payouts (SPEC §10.3–§10.4).
 *
 * <pre>{@code
 * LnurlPay lnurl = HttpLnurlPay.builder().build();
 * lnurl.check("alice@example.com").toCompletableFuture().join();           // creation / take time
 * String bolt11 = lnurl.invoiceFor("alice@example.com", 55_908).toCompletableFuture().join(); // payout time
 * }</pre>
 *
 * <p>Safety: only {@code https} URLs are fetched ({@link Builder#allowHttp}); before every request (the first URL,
 * each redirect and the callback) the host is resolved and refused if any of its addresses is loopback, private,
 * link-local, any-local, multicast, CGNAT, unique-local or otherwise non-public ({@link Builder#allowPrivateTargets});
 * redirects are followed by this class, never by the HTTP client, so each hop is checked; each request has a deadline
 * covering DNS, connect, headers and body; bodies larger than the limit are cut off while being read. The address
 * check and the connection resolve the name separately, so a DNS server that answers differently within
 * milliseconds (DNS rebinding) is not covered; run the node behind an egress firewall if that matters.
 *
 * <p>Checks on the answers: {@code tag == "payRequest"}, a callback URL, integral {@code minSendable <= maxSendable}
 * (msat), the amount inside that range, and an invoice that decodes as BOLT #11 and asks for exactly the amount. A
 * LUD-06 {@code {"status":"ERROR"}} answer fails with its reason. Network, expiry and CLTV limits of the invoice are
 * the caller's (SPEC §10.3). Onion services are not supported (the JDK client has no SOCKS proxy).
 *
 * <p>Every failure is a {@link LnurlException} with a {@link LnurlException.Reason}; returned stages are completed on
 * HTTP client or resolver threads, so dependent actions should not block. Thread-safe: share one instance.
 */
public final class HttpLnurlPay implements LnurlPay {
    private final LnurlResolver impl;

    private HttpLnurlPay(LnurlResolver impl) {
        this.impl = impl;
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Void> check(String addressOrLnurl) {
        return impl.payParams(addressOrLnurl).thenApply(p -> null);
    }

    @Override
    public CompletionStage<String> invoiceFor(String addressOrLnurl, long amountSats) {
        return impl.invoiceFor(addressOrLnurl, amountSats);
    }

    /**
     * Configures an {@link HttpLnurlPay}. Not thread-safe; {@link #build()} validates and freezes the settings.
     */
    public static final class Builder {
        private HttpClient client;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxResponseBytes = 64 * 1024;
        private boolean allowPrivateTargets;
        private Predicate<InetAddress> privateExemption = a -> false;
        private boolean allowHttp;
        private int maxRedirects = 3;
        private Executor executor;
        private LnurlResolver.HostResolver resolver = InetAddress::getAllByName;

        private Builder() {}

        /**
         * The HTTP client (default: a new client that never follows redirects, with the {@link #timeout} as connect
         * timeout). A supplied client must not follow redirects ({@link HttpClient.Redirect#NEVER}); its TLS
         * settings and proxy are used as they are.
         */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /** Deadline of each request: DNS check, connect, headers and body (default: 10 s). */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new InvalidInputException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** Largest accepted response body, in bytes (default: 64 KiB; at least 1 KiB). */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new InvalidInputException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /**
         * Whether loopback, private, link-local and other non-public targets may be contacted (default: false).
         * Tests against a local server set it; a node must not.
         */
        public Builder allowPrivateTargets(boolean allow) {
            this.allowPrivateTargets = allow;
            return this;
        }

        /**
         * Addresses allowed although they are in a refused range, e.g. a self-hosted LNURL server on the operator's
         * LAN (default: none). Only consulted while {@link #allowPrivateTargets} is false.
         */
        public Builder privateTargetExemption(Predicate<InetAddress> exemption) {
            this.privateExemption = Objects.requireNonNull(exemption, "exemption");
            return this;
        }

        /** Whether plain {@code http://} URLs (from an LNURL, a redirect or a callback) are fetched (default: false). */
        public Builder allowHttp(boolean allow) {
            this.allowHttp = allow;
            return this;
        }

        /** Redirects followed per request, each checked like the first URL (default: 3; 0 refuses any redirect). */
        public Builder maxRedirects(int max) {
            if (max < 0 || max > 10) {
                throw new InvalidInputException("maxRedirects must be 0..10");
            }
            this.maxRedirects = max;
            return this;
        }

        /** Where the blocking DNS look-ups of the address check run (default: a small pool of daemon threads). */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Test hook: the resolver used by the address check (the connection still uses the system's). */
        Builder resolver(LnurlResolver.HostResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        /**
         * Returns the client.
         *
         * @throws InvalidInputException if the supplied HTTP client follows redirects
         */
        public HttpLnurlPay build() {
            HttpClient c = client;
            if (c == null) {
                c = HttpClient.newBuilder()
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(timeout)
                        .build();
            } else if (c.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new InvalidInputException("the HTTP client must not follow redirects (HttpLnurlPay checks each "
                        + "hop itself); build it with followRedirects(Redirect.NEVER)");
            }
            Executor ex = executor != null ? executor : dnsPool();
            return new HttpLnurlPay(new LnurlResolver(new LnurlResolver.Config(c, timeout, maxResponseBytes,
                    allowPrivateTargets, privateExemption, allowHttp, maxRedirects, ex, resolver)));
        }

        private static ExecutorService dnsPool() {
            AtomicInteger n = new AtomicInteger();
            ThreadPoolExecutor pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    r -> {
                        Thread t = new Thread(r, "mostro-lnurl-dns-" + n.incrementAndGet());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return pool;
        }
    }
}

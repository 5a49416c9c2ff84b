package network.mostro.server.lnurl.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import network.mostro.protocol.lightning.LightningAddress;
import network.mostro.protocol.lightning.PaymentRequests;
import network.mostro.server.internal.http.BoundedHttp;
import network.mostro.server.lnurl.LnurlException;
import network.mostro.server.lnurl.LnurlException.Reason;

/**
 * The LNURL-pay client: target parsing (LUD-16 address, LUD-01 bech32), the pay-request fetch, the callback with
 * {@code amount}, invoice checks, manual redirects and the SSRF policy applied to every URL it fetches. Thread-safe.
 */
public final class LnurlResolver {
    /** Resolves a host name to all its addresses (the JDK resolver unless a test replaces it). */
    @FunctionalInterface
    public interface HostResolver {
        /** All addresses of {@code host}. */
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /**
     * Settings.
     *
     * @param client sends the requests; must not follow redirects
     * @param timeout per request (DNS check, connect, headers and body)
     * @param maxResponseBytes body limit per response
     * @param allowPrivateTargets skip the address policy entirely
     * @param privateExemption addresses allowed although the policy forbids them
     * @param allowHttp accept {@code http://} URLs
     * @param maxRedirects redirects followed per fetch
     * @param executor runs the blocking DNS lookups
     * @param resolver resolves host names for the policy check
     */
    public record Config(HttpClient client, Duration timeout, int maxResponseBytes, boolean allowPrivateTargets,
            Predicate<InetAddress> privateExemption, boolean allowHttp, int maxRedirects, Executor executor,
            HostResolver resolver) {
        /** Null checks. */
        public Config {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(privateExemption, "privateExemption");
            Objects.requireNonNull(executor, "executor");
            Objects.requireNonNull(resolver, "resolver");
        }
    }

    private final Config cfg;

    /** A resolver with these settings. */
    public LnurlResolver(Config cfg) {
        this.cfg = Objects.requireNonNull(cfg, "cfg");
    }

    /** Fetches and validates the pay-request parameters. */
    public CompletableFuture<PayResponses.PayParams> payParams(String addressOrLnurl) {
        URI start;
        try {
            start = target(addressOrLnurl);
        } catch (LnurlException e) {
            return CompletableFuture.failedFuture(e);
        }
        return fetch(start, 0).thenApply(PayResponses::parsePayRequest);
    }

    /** Fetches an invoice for exactly {@code amountSats} and checks its amount. */
    public CompletableFuture<String> invoiceFor(String addressOrLnurl, long amountSats) {
        if (amountSats <= 0 || amountSats > Long.MAX_VALUE / 1000) {
            return CompletableFuture.failedFuture(new LnurlException(Reason.AMOUNT_OUT_OF_RANGE,
                    "amount must be a positive number of sats, got " + amountSats));
        }
        long msat = amountSats * 1000;
        return payParams(addressOrLnurl).thenCompose(p -> {
            if (msat < p.minSendableMsat() || msat > p.maxSendableMsat()) {
                throw new LnurlException(Reason.AMOUNT_OUT_OF_RANGE, msat + " msat is outside "
                        + p.minSendableMsat() + ".." + p.maxSendableMsat() + " msat");
            }
            return fetch(withAmount(p.callback(), msat), 0);
        }).thenApply(body -> {
            String pr = PayResponses.parseInvoiceResponse(body);
            PayResponses.checkInvoice(pr, msat);
            return pr;
        });
    }

    /** The first URL: the LUD-16 well-known endpoint of an address, or the URL inside a bech32 LNURL. */
    static URI target(String s) {
        if (s == null) {
            throw new LnurlException(Reason.MALFORMED, "no address given");
        }
        String t = s.strip();
        Optional<LightningAddress> address = LightningAddress.parse(t);
        String url = address.map(LightningAddress::lnurlpEndpoint)
                .or(() -> PaymentRequests.lnurlToUrl(t))
                .orElseThrow(() -> new LnurlException(Reason.MALFORMED, "not a Lightning address or LNURL"));
        try {
            return PayResponses.httpUrl(url, "LNURL");
        } catch (LnurlException e) {
            throw new LnurlException(Reason.MALFORMED, e.getMessage(), e);
        }
    }

    /** Appends {@code amount=<msat>} to the callback's query (LUD-06), keeping any query it already has. */
    static URI withAmount(URI callback, long msat) {
        String raw = callback.getRawQuery();
        String query = raw == null || raw.isEmpty() ? "amount=" + msat
                : (raw.endsWith("&") ? raw : raw + "&") + "amount=" + msat;
        String path = callback.getRawPath() == null ? "" : callback.getRawPath();
        try {
            return new URI(callback.getScheme() + "://" + callback.getRawAuthority() + path + "?" + query);
        } catch (URISyntaxException e) {
            throw new LnurlException(Reason.BAD_RESPONSE, "callback cannot carry an amount: " + e.getMessage(), e);
        }
    }

    private CompletableFuture<byte[]> fetch(URI uri, int hop) {
        String host;
        try {
            host = checkUrl(uri);
        } catch (LnurlException e) {
            return CompletableFuture.failedFuture(e);
        }
        return CompletableFuture.runAsync(() -> checkAddresses(host), cfg.executor())
                .orTimeout(cfg.timeout().toNanos(), TimeUnit.NANOSECONDS)
                .thenCompose(v -> BoundedHttp.get(cfg.client(), uri, cfg.timeout(), cfg.maxResponseBytes(), Map.of()))
                .handle((resp, err) -> {
                    if (err != null) {
                        throw mapFailure(uri, BoundedHttp.unwrap(err));
                    }
                    return resp;
                })
                .thenCompose(resp -> {
                    int status = resp.status();
                    if (isRedirect(status)) {
                        return redirect(uri, resp, hop);
                    }
                    if (status >= 200 && status < 300) {
                        return CompletableFuture.completedFuture(resp.body());
                    }
                    throw httpError(uri, status, resp.body());
                });
    }

    private CompletableFuture<byte[]> redirect(URI from, BoundedHttp.Response resp, int hop) {
        if (hop >= cfg.maxRedirects()) {
            throw new LnurlException(Reason.UNREACHABLE, "more than " + cfg.maxRedirects() + " redirects from "
                    + describe(from));
        }
        String location = resp.headers().firstValue("location").orElseThrow(() -> new LnurlException(
                Reason.BAD_RESPONSE, "redirect " + resp.status() + " without Location from " + describe(from)));
        URI next;
        try {
            next = from.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new LnurlException(Reason.BAD_RESPONSE, "redirect to an invalid URL from " + describe(from), e);
        }
        try {
            next = PayResponses.httpUrl(next.toString(), "redirect target");
        } catch (LnurlException e) {
            throw new LnurlException(Reason.FORBIDDEN_TARGET, e.getMessage() + " (from " + describe(from) + ")", e);
        }
        return fetch(next, hop + 1);
    }

    /** Scheme and host checks; returns the host (brackets removed). */
    private String checkUrl(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!cfg.allowHttp()) {
                throw new LnurlException(Reason.FORBIDDEN_TARGET, "plain http is not allowed: " + describe(uri));
            }
        } else if (!scheme.equals("https")) {
            throw new LnurlException(Reason.FORBIDDEN_TARGET, "only http(s) URLs are fetched: " + describe(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw new LnurlException(Reason.FORBIDDEN_TARGET, "URLs with user info are not fetched: " + describe(uri));
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new LnurlException(Reason.MALFORMED, "URL without host");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.toLowerCase(Locale.ROOT).endsWith(".onion")) {
            throw new LnurlException(Reason.UNREACHABLE, "onion services are not supported: " + describe(uri));
        }
        return host;
    }

    /** Resolves {@code host} and refuses it if any of its addresses is in a forbidden range. */
    private void checkAddresses(String host) {
        if (cfg.allowPrivateTargets()) {
            return;
        }
        InetAddress[] all;
        try {
            all = cfg.resolver().resolve(host);
        } catch (UnknownHostException e) {
            throw new LnurlException(Reason.UNREACHABLE, "unknown host " + host, e);
        } catch (RuntimeException e) {
            throw new LnurlException(Reason.MALFORMED, "invalid host " + PayResponses.sanitize(host), e);
        }
        if (all == null || all.length == 0) {
            throw new LnurlException(Reason.UNREACHABLE, "host " + host + " has no address");
        }
        for (InetAddress a : all) {
            Optional<String> range = TargetGuard.forbiddenRange(a);
            if (range.isPresent() && !cfg.privateExemption().test(a)) {
                throw new LnurlException(Reason.FORBIDDEN_TARGET, "host " + host + " resolves to "
                        + a.getHostAddress() + " in " + range.get());
            }
        }
    }

    private LnurlException mapFailure(URI uri, Throwable t) {
        if (t instanceof LnurlException e) {
            return e;
        }
        if (t instanceof BoundedHttp.TooLargeException) {
            return new LnurlException(Reason.BAD_RESPONSE, describe(uri) + ": " + t.getMessage(), t);
        }
        if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
            return new LnurlException(Reason.UNREACHABLE, describe(uri) + " timed out after "
                    + cfg.timeout().toMillis() + " ms", t);
        }
        if (t instanceof IOException) {
            return new LnurlException(Reason.UNREACHABLE, describe(uri) + " unreachable: " + t, t);
        }
        return new LnurlException(Reason.UNREACHABLE, describe(uri) + " failed: " + t, t);
    }

    private static LnurlException httpError(URI uri, int status, byte[] body) {
        Optional<String> reason = PayResponses.errorReason(body);
        if (reason.isPresent()) {
            return new LnurlException(Reason.BAD_RESPONSE, describe(uri) + " answered HTTP " + status
                    + " with ERROR: " + reason.get());
        }
        return new LnurlException(Reason.UNREACHABLE, describe(uri) + " answered HTTP " + status);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Scheme, host and path only: queries may carry one-time tokens. */
    static String describe(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        return PayResponses.sanitize(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }
}

package network.mostro.server.price.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import network.mostro.server.internal.http.BoundedHttp;
import network.mostro.server.price.PriceException;

/**
 * One provider request: GET with deadline and size limit, HTTP 200 required, body parsed by the given parser; every
 * failure is a {@link PriceException} naming the provider. Stateless and thread-safe.
 */
public final class PriceHttp {
    private PriceHttp() {}

    /** Fetches {@code uri} and parses the body. */
    public static <T> CompletableFuture<T> fetch(String source, HttpClient client, URI uri, Duration timeout,
            int maxBytes, Map<String, String> headers, Function<byte[], T> parser) {
        return BoundedHttp.get(client, uri, timeout, maxBytes, headers).handle((resp, err) -> {
            if (err != null) {
                Throwable t = BoundedHttp.unwrap(err);
                if (t instanceof TimeoutException || t instanceof HttpTimeoutException) {
                    throw new PriceException(source + ": timed out after " + timeout.toMillis() + " ms", t);
                }
                if (t instanceof BoundedHttp.TooLargeException) {
                    throw new PriceException(source + ": " + t.getMessage(), t);
                }
                if (t instanceof IOException) {
                    throw new PriceException(source + ": unreachable: " + t, t);
                }
                throw new PriceException(source + ": request failed: " + t, t);
            }
            if (resp.status() != 200) {
                throw new PriceException(source + ": HTTP " + resp.status());
            }
            return parser.apply(resp.body());
        });
    }

    /**
     * Validates a provider base URL: absolute {@code http(s)} with a host, no query or fragment.
     *
     * @throws network.mostro.nostr.InvalidInputException otherwise
     */
    public static String checkBase(String base) {
        if (base == null) {
            throw new network.mostro.nostr.InvalidInputException("baseUrl is required");
        }
        URI u;
        try {
            u = new URI(base.strip());
        } catch (java.net.URISyntaxException e) {
            throw new network.mostro.nostr.InvalidInputException("baseUrl is not a URL: " + e.getMessage(), e);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null || u.getRawQuery() != null
                || u.getRawFragment() != null) {
            throw new network.mostro.nostr.InvalidInputException(
                    "baseUrl must be an http(s) URL with a host and no query or fragment");
        }
        return u.toString();
    }

    /** Joins a base URL (no trailing slash needed) and a path starting with {@code /}. */
    public static URI join(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        return URI.create(b + path);
    }
}

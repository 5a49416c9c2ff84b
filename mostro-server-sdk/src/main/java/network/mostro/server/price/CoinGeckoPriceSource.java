package network.mostro.server.price;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.price.internal.PriceHttp;
import network.mostro.server.price.internal.RatesParser;

/**
 * Prices from CoinGecko's BTC exchange rates ({@code GET https://api.coingecko.com/api/v3/exchange_rates}), a second
 * provider for {@link MedianPriceSource}.
 *
 * <pre>{@code
 * PriceSource gecko = CoinGeckoPriceSource.builder().apiKey(System.getenv("COINGECKO_API_KEY")).build();
 * }</pre>
 *
 * <p>The answer {@code {"rates":{"usd":{"name":"US Dollar","unit":"$","value":84278.61,"type":"fiat"},...}}} is
 * parsed strictly: entries of type {@code fiat} are kept with upper-cased codes; every entry must carry a numeric
 * {@code value} and a {@code type}; a single fiat value that is not positive or outside {@code 1e-8..1e15} rejects the
 * whole answer with a {@link PriceException}. The keyless public API is rate-limited; see {@link Builder#apiKey}.
 * Thread-safe: share one instance.
 */
public final class CoinGeckoPriceSource implements PriceSource {
    /** CoinGecko's public (Demo) API root. */
    public static final String DEFAULT_BASE_URL = "https://api.coingecko.com/api/v3";

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final int maxResponseBytes;
    private final Map<String, String> headers;

    private CoinGeckoPriceSource(Builder b) {
        this.client = b.client != null ? b.client
                : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(b.timeout).build();
        this.uri = PriceHttp.join(b.baseUrl, "/exchange_rates");
        this.timeout = b.timeout;
        this.maxResponseBytes = b.maxResponseBytes;
        boolean pro = this.uri.getHost() != null && this.uri.getHost().startsWith("pro-api.");
        this.headers = b.apiKey == null ? Map.of() : Map.of(pro ? "x-cg-pro-api-key" : "x-cg-demo-api-key", b.apiKey);
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code coingecko}. */
    @Override
    public String id() {
        return "coingecko";
    }

    @Override
    public CompletionStage<Map<String, BigDecimal>> fetchRates() {
        return PriceHttp.fetch(id(), client, uri, timeout, maxResponseBytes, headers, RatesParser::coinGecko);
    }

    @Override
    public String toString() {
        return "CoinGeckoPriceSource[" + uri + (headers.isEmpty() ? "" : ", api key set") + "]";
    }

    /** The URL fetched. */
    public URI uri() {
        return uri;
    }

    /** Configures a {@link CoinGeckoPriceSource}. Not thread-safe. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxResponseBytes = 256 * 1024;
        private HttpClient client;
        private String apiKey;

        private Builder() {}

        /** The API root; {@code /exchange_rates} is appended (default: {@value CoinGeckoPriceSource#DEFAULT_BASE_URL}). */
        public Builder baseUrl(String url) {
            this.baseUrl = PriceHttp.checkBase(url);
            return this;
        }

        /** Deadline of a fetch: connect, headers and body (default: 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = YadioPriceSource.positive(timeout);
            return this;
        }

        /** Largest accepted answer (default: 256 KiB; at least 1 KiB). */
        public Builder maxResponseBytes(int bytes) {
            if (bytes < 1024) {
                throw new InvalidInputException("maxResponseBytes must be at least 1024");
            }
            this.maxResponseBytes = bytes;
            return this;
        }

        /** The HTTP client (default: a new one that does not follow redirects). */
        public Builder httpClient(HttpClient client) {
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * A CoinGecko API key (default: none; null or blank clears it), sent as {@code x-cg-pro-api-key} when the
         * base URL's host is {@code pro-api.coingecko.com}, else as {@code x-cg-demo-api-key}. It never appears in
         * messages or in {@code toString()}.
         */
        public Builder apiKey(String key) {
            if (key == null || key.isBlank()) {
                this.apiKey = null;
                return this;
            }
            String k = key.strip();
            for (int i = 0; i < k.length(); i++) {
                char c = k.charAt(i);
                if (c < 0x21 || c > 0x7e) {
                    throw new InvalidInputException("API key must be printable ASCII without spaces");
                }
            }
            this.apiKey = k;
            return this;
        }

        /** Returns the source. */
        public CoinGeckoPriceSource build() {
            return new CoinGeckoPriceSource(this);
        }
    }
}

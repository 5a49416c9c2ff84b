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
 * Prices from Yadio ({@code GET https://api.yadio.io/exrates/BTC}), the daemon's default provider (SPEC §9.1).
 *
 * <pre>{@code
 * PriceSource yadio = YadioPriceSource.builder().build();
 * Map<String, BigDecimal> rates = yadio.fetchRates().toCompletableFuture().join(); // {"USD": 84278.61, ...}
 * }</pre>
 *
 * <p>The answer {@code {"BTC":{"USD":84278.61,...},"base":"BTC","timestamp":<ms>}} is parsed strictly: rates are
 * taken from the {@code BTC} object (keys of 3–5 upper-case letters, {@code BTC} itself skipped), every value must be
 * a JSON number, and a single rate that is not positive or outside {@code 1e-8..1e15} rejects the whole answer with
 * a {@link PriceException}, so one corrupt figure never prices an order. Thread-safe: share one instance.
 */
public final class YadioPriceSource implements PriceSource {
    /** Yadio's public API. */
    public static final String DEFAULT_BASE_URL = "https://api.yadio.io";

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final int maxResponseBytes;

    private YadioPriceSource(Builder b) {
        this.client = b.client != null ? b.client
                : HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(b.timeout).build();
        this.uri = PriceHttp.join(b.baseUrl, "/exrates/BTC");
        this.timeout = b.timeout;
        this.maxResponseBytes = b.maxResponseBytes;
    }

    /** A new builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code yadio}. */
    @Override
    public String id() {
        return "yadio";
    }

    @Override
    public CompletionStage<Map<String, BigDecimal>> fetchRates() {
        return PriceHttp.fetch(id(), client, uri, timeout, maxResponseBytes, Map.of(), RatesParser::yadio);
    }

    /** The URL fetched. */
    public URI uri() {
        return uri;
    }

    /** Configures a {@link YadioPriceSource}. Not thread-safe. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxResponseBytes = 256 * 1024;
        private HttpClient client;

        private Builder() {}

        /** The API root; {@code /exrates/BTC} is appended (default: {@value YadioPriceSource#DEFAULT_BASE_URL}). */
        public Builder baseUrl(String url) {
            this.baseUrl = PriceHttp.checkBase(url);
            return this;
        }

        /** Deadline of a fetch: connect, headers and body (default: 10 s). */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout);
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

        /** Returns the source. */
        public YadioPriceSource build() {
            return new YadioPriceSource(this);
        }
    }

    static Duration positive(Duration d) {
        Objects.requireNonNull(d, "timeout");
        if (d.isZero() || d.isNegative()) {
            throw new InvalidInputException("timeout must be positive");
        }
        return d;
    }
}

package network.mostro.server.price;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Where a node gets Bitcoin prices for market orders (SPEC §9.1): fiat units per 1 BTC by ISO 4217 code.
 *
 * <p>The node caches the last successful fetch, refreshes it on its scheduler ({@code update_interval_seconds}) and
 * refuses market takes with {@code price_too_stale} when the cache is older than {@code max_price_staleness_seconds}.
 * Implementations: HTTP providers and a median aggregate in {@code network.mostro.server.price}, and
 * {@link #fixed(Map)} for tests. <b>Implementations must be thread-safe.</b>
 */
public interface PriceSource extends AutoCloseable {

    /** A short provider id for logs and the kind-30078 {@code source} tag, e.g. {@code yadio}. */
    String id();

    /**
     * Fetches current rates. Fails with a {@link PriceException} on a network error, an unparseable response or
     * an implausible value (zero, negative, not finite).
     *
     * @return fiat code (upper case) → fiat per BTC, positive
     */
    CompletionStage<Map<String, BigDecimal>> fetchRates();

    /** Releases HTTP clients; the default does nothing. */
    @Override
    default void close() {}

    /** A source that always answers {@code rates} (tests, demos, or an operator-pinned price). */
    static PriceSource fixed(Map<String, BigDecimal> rates) {
        Map<String, BigDecimal> copy = Map.copyOf(rates);
        return new PriceSource() {
            @Override
            public String id() {
                return "fixed";
            }

            @Override
            public CompletionStage<Map<String, BigDecimal>> fetchRates() {
                return CompletableFuture.completedFuture(copy);
            }
        };
    }
}

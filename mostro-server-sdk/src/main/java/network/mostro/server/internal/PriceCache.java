package network.mostro.server.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import network.mostro.server.price.PriceSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last successful price fetch and its time (SPEC §9.1). Thread-safe. */
final class PriceCache {
    private static final Logger LOG = LoggerFactory.getLogger(PriceCache.class);

    private final PriceSource source;
    private final Clock clock;
    private final long maxStaleSeconds;
    private volatile Map<String, BigDecimal> rates = Map.of();
    private volatile long fetchedAt = Long.MIN_VALUE;

    PriceCache(PriceSource source, Clock clock, long maxStaleSeconds) {
        this.source = source;
        this.clock = clock;
        this.maxStaleSeconds = maxStaleSeconds;
    }

    /** Fetches now; keeps the old rates on failure. Returns whether it succeeded. */
    boolean refresh() {
        if (source == null) {
            return false;
        }
        try {
            Map<String, BigDecimal> r = source.fetchRates().toCompletableFuture().get(30, TimeUnit.SECONDS);
            rates = Map.copyOf(r);
            fetchedAt = clock.instant().getEpochSecond();
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.debug("price refresh from {} failed: {}", source.id(), e.toString());
            return false;
        }
    }

    /** A fresh price for {@code fiat}, or empty (missing or older than max_price_staleness_seconds). */
    Optional<BigDecimal> fresh(String fiat) {
        if (fetchedAt == Long.MIN_VALUE || clock.instant().getEpochSecond() - fetchedAt > maxStaleSeconds) {
            return Optional.empty();
        }
        BigDecimal p = rates.get(fiat);
        if (p == null) {
            p = rates.get(fiat.toUpperCase(java.util.Locale.ROOT));
        }
        return p == null || p.signum() <= 0 ? Optional.empty() : Optional.of(p);
    }

    Map<String, BigDecimal> rates() {
        return rates;
    }

    String sourceId() {
        return source == null ? "" : source.id();
    }
}

package network.mostro.server.price;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import network.mostro.nostr.InvalidInputException;
import network.mostro.server.internal.http.BoundedHttp;
import network.mostro.server.price.internal.RatesParser;

/**
 * A {@link PriceSource} that asks several sources at once and answers, per currency, the median of the sources that
 * answered (SPEC §9.1: multi-source aggregation).
 *
 * <pre>{@code
 * PriceSource prices = MedianPriceSource.builder()
 *         .add(YadioPriceSource.builder().build())
 *         .add(CoinGeckoPriceSource.builder().build())
 *         .build();                                   // id() = "median(yadio,coingecko)"
 * }</pre>
 *
 * <p>Rules, per currency: the values of the sources that answered in time are collected; with three or more, values
 * deviating from their median by more than {@link Builder#maxDeviation} (default 5 %) are dropped as outliers and the
 * median of the rest is the answer, unless fewer than half of the values remain, in which case the currency is left
 * out (no consensus); with one or two values their median (for two, the mean) is the answer. A source that fails, times
 * out ({@link Builder#sourceTimeout}) or answers an implausible value is ignored for this fetch. The fetch fails only
 * when no source answered (or no currency is left), with a {@link PriceException} carrying each source's failure as a
 * suppressed exception. {@link #fetchDetailed()} also reports which sources answered, which failed and the outliers.
 *
 * <p>Thread-safe: share one instance. {@link #close()} closes the sources.
 */
public final class MedianPriceSource implements PriceSource {
    private final List<PriceSource> sources;
    private final BigDecimal maxDeviation;
    private final Duration sourceTimeout;
    private final String id;

    private MedianPriceSource(Builder b) {
        this.sources = List.copyOf(b.sources);
        this.maxDeviation = b.maxDeviation;
        this.sourceTimeout = b.sourceTimeout;
        this.id = sources.stream().map(PriceSource::id).collect(Collectors.joining(",", "median(", ")"));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A median over {@code sources} with the default settings. */
    public static MedianPriceSource of(PriceSource... sources) {
        Builder b = builder();
        for (PriceSource s : sources) {
            b.add(s);
        }
        return b.build();
    }

    /** {@code median(<id>,<id>,...)}, the ids of the sources in order. */
    @Override
    public String id() {
        return id;
    }

    /** The sources, in order. */
    public List<PriceSource> sources() {
        return sources;
    }

    /**
     * The outcome of one aggregated fetch.
     *
     * @param rates fiat code → median fiat per BTC (only currencies with a result)
     * @param answered ids of the sources that answered, in source order (for the kind-30078 {@code source} tag)
     * @param failures id → failure message of each source that did not answer
     * @param outliers fiat code → ids of the sources whose value was dropped as an outlier (or that disagreed
     *     without a majority)
     */
    public record Aggregate(Map<String, BigDecimal> rates, List<String> answered, Map<String, String> failures,
            Map<String, List<String>> outliers) {
        /** Copies the collections. */
        public Aggregate {
            rates = Collections.unmodifiableMap(new TreeMap<>(rates));
            answered = List.copyOf(answered);
            failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
            outliers = Collections.unmodifiableMap(new TreeMap<>(outliers));
        }
    }

    @Override
    public CompletionStage<Map<String, BigDecimal>> fetchRates() {
        return fetchDetailed().thenApply(Aggregate::rates);
    }

    /** Fetches from every source in parallel and aggregates; fails only if no source answered. */
    public CompletionStage<Aggregate> fetchDetailed() {
        List<CompletableFuture<Map<String, BigDecimal>>> calls = new ArrayList<>();
        for (PriceSource s : sources) {
            calls.add(call(s));
        }
        return CompletableFuture.allOf(calls.stream().map(c -> c.exceptionally(t -> null))
                        .toArray(CompletableFuture[]::new))
                .thenApply(v -> aggregate(calls));
    }

    private CompletableFuture<Map<String, BigDecimal>> call(PriceSource s) {
        CompletableFuture<Map<String, BigDecimal>> own = new CompletableFuture<>();
        try {
            CompletionStage<Map<String, BigDecimal>> stage = s.fetchRates();
            if (stage == null) {
                own.completeExceptionally(new PriceException(s.id() + ": returned no stage"));
            } else {
                stage.whenComplete((m, e) -> {
                    if (e != null) {
                        own.completeExceptionally(BoundedHttp.unwrap(e));
                    } else {
                        own.complete(m);
                    }
                });
            }
        } catch (RuntimeException e) {
            own.completeExceptionally(e);
        }
        return own.orTimeout(sourceTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private Aggregate aggregate(List<CompletableFuture<Map<String, BigDecimal>>> calls) {
        List<String> answered = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<Throwable> causes = new ArrayList<>();
        // currency -> (source id -> value), in source order
        Map<String, Map<String, BigDecimal>> byCode = new TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String sid = sources.get(i).id();
            Map<String, BigDecimal> rates;
            try {
                rates = validated(sid, calls.get(i).join());
            } catch (RuntimeException e) {
                Throwable t = BoundedHttp.unwrap(e);
                if (t instanceof TimeoutException) {
                    t = new PriceException(sid + ": no answer within " + sourceTimeout.toMillis() + " ms", t);
                }
                failures.put(sid, String.valueOf(t.getMessage()));
                causes.add(t);
                continue;
            }
            answered.add(sid);
            rates.forEach((code, v) -> byCode.computeIfAbsent(code, k -> new LinkedHashMap<>()).put(sid, v));
        }
        if (answered.isEmpty()) {
            PriceException e = new PriceException("no price source answered: " + failures);
            causes.forEach(e::addSuppressed);
            throw e;
        }
        Map<String, BigDecimal> result = new TreeMap<>();
        Map<String, List<String>> outliers = new TreeMap<>();
        byCode.forEach((code, values) -> {
            List<BigDecimal> all = new ArrayList<>(values.values());
            BigDecimal median = median(all);
            if (all.size() < 3) {
                result.put(code, median);
                return;
            }
            List<BigDecimal> kept = new ArrayList<>();
            List<String> dropped = new ArrayList<>();
            values.forEach((sid, v) -> {
                if (deviates(v, median)) {
                    dropped.add(sid);
                } else {
                    kept.add(v);
                }
            });
            if (!dropped.isEmpty()) {
                outliers.put(code, dropped);
            }
            if (kept.size() * 2 >= all.size() && !kept.isEmpty()) {
                result.put(code, median(kept));
            }
        });
        if (result.isEmpty()) {
            PriceException e = new PriceException("price sources disagree on every currency: outliers " + outliers);
            causes.forEach(e::addSuppressed);
            throw e;
        }
        return new Aggregate(result, answered, failures, outliers);
    }

    private static Map<String, BigDecimal> validated(String sid, Map<String, BigDecimal> rates) {
        if (rates == null) {
            throw new PriceException(sid + ": answered null");
        }
        Map<String, BigDecimal> out = new TreeMap<>();
        Set<String> seen = new HashSet<>();
        for (Map.Entry<String, BigDecimal> e : rates.entrySet()) {
            String code = e.getKey();
            if (!RatesParser.isFiatCode(code) || !seen.add(code)) {
                throw new PriceException(sid + ": invalid fiat code in answer");
            }
            out.put(code, RatesParser.rate(sid, code, e.getValue()));
        }
        return out;
    }

    private boolean deviates(BigDecimal v, BigDecimal median) {
        return v.subtract(median).abs().compareTo(median.multiply(maxDeviation)) > 0;
    }

    /** The median; for an even count, the exact mean of the two middle values. */
    static BigDecimal median(List<BigDecimal> values) {
        List<BigDecimal> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        if (n % 2 == 1) {
            return s.get(n / 2);
        }
        return s.get(n / 2 - 1).add(s.get(n / 2)).divide(BigDecimal.valueOf(2));
    }

    /** Closes every source (failures of one do not stop the others). */
    @Override
    public void close() {
        RuntimeException first = null;
        for (PriceSource s : sources) {
            try {
                s.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Configures a {@link MedianPriceSource}. Not thread-safe. */
    public static final class Builder {
        private final List<PriceSource> sources = new ArrayList<>();
        private BigDecimal maxDeviation = new BigDecimal("0.05");
        private Duration sourceTimeout = Duration.ofSeconds(15);

        private Builder() {}

        /** Adds a source; ids must be distinct. */
        public Builder add(PriceSource source) {
            Objects.requireNonNull(source, "source");
            String sid = source.id();
            if (sid == null || sid.isBlank() || sources.stream().anyMatch(s -> s.id().equals(sid))) {
                throw new InvalidInputException("price source ids must be non-blank and distinct: " + sid);
            }
            sources.add(source);
            return this;
        }

        /** Adds several sources. */
        public Builder addAll(List<? extends PriceSource> list) {
            list.forEach(this::add);
            return this;
        }

        /**
         * Largest accepted relative deviation from the median when three or more sources answered, e.g. 0.05 for 5 %
         * (default: 0.05; range 0.001–1).
         */
        public Builder maxDeviation(BigDecimal fraction) {
            Objects.requireNonNull(fraction, "fraction");
            if (fraction.compareTo(new BigDecimal("0.001")) < 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
                throw new InvalidInputException("maxDeviation must be within 0.001..1");
            }
            this.maxDeviation = fraction;
            return this;
        }

        /** How long one source may take before it counts as failed for this fetch (default: 15 s). */
        public Builder sourceTimeout(Duration timeout) {
            this.sourceTimeout = YadioPriceSource.positive(timeout);
            return this;
        }

        /**
         * Returns the source.
         *
         * @throws InvalidInputException if no source was added
         */
        public MedianPriceSource build() {
            if (sources.isEmpty()) {
                throw new InvalidInputException("at least one price source is required");
            }
            return new MedianPriceSource(this);
        }
    }
}

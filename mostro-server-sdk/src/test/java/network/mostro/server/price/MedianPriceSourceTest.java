package network.mostro.server.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import network.mostro.nostr.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Aggregation rules of {@link MedianPriceSource}, with in-memory sources and with the two HTTP providers. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MedianPriceSourceTest {

    @Test
    void withThreeOrMoreSourcesAnOutlierIsDroppedAndTheMedianOfTheRestAnswers() {
        MedianPriceSource m = MedianPriceSource.of(src("a", "USD", "100"), src("b", "USD", "101"),
                src("c", "USD", "200"));
        MedianPriceSource.Aggregate agg = m.fetchDetailed().toCompletableFuture().join();
        assertThat(agg.rates()).containsExactly(Map.entry("USD", new BigDecimal("100.5")));
        assertThat(agg.outliers()).containsExactly(Map.entry("USD", List.of("c")));
        assertThat(agg.answered()).containsExactly("a", "b", "c");
        assertThat(m.id()).isEqualTo("median(a,b,c)");
    }

    @Test
    void theDeviationBoundIsInclusiveAndConfigurable() {
        assertThat(rate(MedianPriceSource.of(src("a", "USD", "100"), src("b", "USD", "100"), src("c", "USD", "105"))))
                .isEqualByComparingTo("100"); // 105 kept (exactly 5 %), median of 100,100,105
        MedianPriceSource.Aggregate agg = MedianPriceSource.of(src("a", "USD", "100"), src("b", "USD", "100"),
                src("c", "USD", "105.01")).fetchDetailed().toCompletableFuture().join();
        assertThat(agg.outliers()).containsEntry("USD", List.of("c"));
        MedianPriceSource loose = MedianPriceSource.builder().add(src("a", "USD", "100")).add(src("b", "USD", "100"))
                .add(src("c", "USD", "109")).maxDeviation(new BigDecimal("0.10")).build();
        assertThat(loose.fetchDetailed().toCompletableFuture().join().outliers()).isEmpty();
    }

    @Test
    void oneOrTwoSourcesAreNotFilteredTwoGiveTheirMean() {
        assertThat(rate(MedianPriceSource.of(src("a", "USD", "100"), src("b", "USD", "300")))).isEqualByComparingTo("200");
        assertThat(rate(MedianPriceSource.of(src("a", "USD", "84278.61")))).isEqualByComparingTo("84278.61");
    }

    @Test
    void withoutAMajorityACurrencyIsLeftOutAndIfNothingIsLeftTheFetchFails() {
        MedianPriceSource split = MedianPriceSource.of(
                src2("a", "USD", "1", "EUR", "90"), src2("b", "USD", "2", "EUR", "91"),
                src2("c", "USD", "100", "EUR", "90"), src2("d", "USD", "101", "EUR", "90.5"));
        MedianPriceSource.Aggregate agg = split.fetchDetailed().toCompletableFuture().join();
        assertThat(agg.rates()).containsOnlyKeys("EUR");
        assertThat(agg.outliers()).containsEntry("USD", List.of("a", "b", "c", "d"));

        MedianPriceSource onlyUsd = MedianPriceSource.of(src("a", "USD", "1"), src("b", "USD", "2"),
                src("c", "USD", "100"), src("d", "USD", "101"));
        assertThat(HttpPriceSourcesTest.failure(onlyUsd.fetchRates())).hasMessageContaining("disagree");
    }

    @Test
    void currenciesOnlyOneSourceKnowsAreKept() {
        Map<String, BigDecimal> r = MedianPriceSource.of(src2("yadio", "USD", "100", "CUP", "20000000"),
                src("coingecko", "USD", "102")).fetchRates().toCompletableFuture().join();
        assertThat(r).containsEntry("CUP", new BigDecimal("20000000")).containsEntry("USD", new BigDecimal("101"));
    }

    @Test
    void failingHangingAndImplausibleSourcesAreIgnored() {
        PriceSource failing = named("down", () -> CompletableFuture.failedFuture(new PriceException("down: HTTP 503")));
        PriceSource throwing = named("buggy", () -> {
            throw new IllegalStateException("bug");
        });
        PriceSource hanging = named("hang", CompletableFuture::new);
        PriceSource negative = named("neg", () -> CompletableFuture.completedFuture(Map.of("USD", new BigDecimal("-1"))));
        MedianPriceSource m = MedianPriceSource.builder().add(failing).add(throwing).add(hanging).add(negative)
                .add(src("ok", "USD", "84000")).sourceTimeout(Duration.ofMillis(300)).build();

        MedianPriceSource.Aggregate agg = m.fetchDetailed().toCompletableFuture().join();

        assertThat(agg.rates()).containsExactly(Map.entry("USD", new BigDecimal("84000")));
        assertThat(agg.answered()).containsExactly("ok");
        assertThat(agg.failures()).containsOnlyKeys("down", "buggy", "hang", "neg");
        assertThat(agg.failures().get("hang")).contains("no answer within 300 ms");
    }

    @Test
    void failsOnlyWhenNoSourceAnsweredWithEveryCauseAttached() {
        MedianPriceSource m = MedianPriceSource.builder()
                .add(named("a", () -> CompletableFuture.failedFuture(new PriceException("a: HTTP 500"))))
                .add(named("b", CompletableFuture::new)).sourceTimeout(Duration.ofMillis(200)).build();
        PriceException e = HttpPriceSourcesTest.failure(m.fetchRates());
        assertThat(e).hasMessageContaining("no price source answered");
        assertThat(e.getSuppressed()).hasSize(2);
    }

    @Test
    void sourcesAreAskedInParallel() {
        // a answers only once b has been asked: a sequential fetch would wait on a forever (and time out)
        CompletableFuture<Map<String, BigDecimal>> aAnswer = new CompletableFuture<>();
        AtomicBoolean bAsked = new AtomicBoolean();
        PriceSource a = named("a", () -> aAnswer);
        PriceSource b = named("b", () -> {
            bAsked.set(true);
            aAnswer.complete(Map.of("USD", new BigDecimal("100")));
            return CompletableFuture.completedFuture(Map.of("USD", new BigDecimal("102")));
        });
        MedianPriceSource m = MedianPriceSource.builder().add(a).add(b).sourceTimeout(Duration.ofSeconds(30)).build();
        assertThat(rate(m)).isEqualByComparingTo("101");
        assertThat(bAsked).isTrue();
    }

    @Test
    void medianOverTheTwoHttpProvidersServingRecordedShapes() {
        try (LocalHttp http = new LocalHttp()) {
            http.route("/exrates/BTC", ex -> LocalHttp.send(ex, 200, LocalHttp.shape("yadio-exrates-btc.json")));
            http.route("/exchange_rates", ex -> LocalHttp.send(ex, 200, LocalHttp.shape("coingecko-exchange-rates.json")));
            MedianPriceSource m = MedianPriceSource.of(YadioPriceSource.builder().baseUrl(http.base()).build(),
                    CoinGeckoPriceSource.builder().baseUrl(http.base()).build());

            MedianPriceSource.Aggregate agg = m.fetchDetailed().toCompletableFuture().join();

            assertThat(m.id()).isEqualTo("median(yadio,coingecko)");
            assertThat(agg.answered()).containsExactly("yadio", "coingecko");
            assertThat(agg.rates().get("USD")).isEqualByComparingTo("84289.905");
            assertThat(agg.rates().get("CUP")).isEqualByComparingTo("20227468");
            assertThat(agg.rates()).hasSize(11);
        }
    }

    @Test
    void builderChecks() {
        assertThatThrownBy(() -> MedianPriceSource.builder().build()).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MedianPriceSource.of(src("a", "USD", "1"), src("a", "USD", "2")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MedianPriceSource.builder().maxDeviation(BigDecimal.ZERO))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MedianPriceSource.builder().maxDeviation(new BigDecimal("1.5")))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void closeClosesEverySourceEvenIfOneFails() {
        AtomicBoolean closedB = new AtomicBoolean();
        PriceSource a = new PriceSource() {
            @Override
            public String id() {
                return "a";
            }

            @Override
            public CompletionStage<Map<String, BigDecimal>> fetchRates() {
                return CompletableFuture.completedFuture(Map.of());
            }

            @Override
            public void close() {
                throw new IllegalStateException("close failed");
            }
        };
        PriceSource b = new PriceSource() {
            @Override
            public String id() {
                return "b";
            }

            @Override
            public CompletionStage<Map<String, BigDecimal>> fetchRates() {
                return CompletableFuture.completedFuture(Map.of());
            }

            @Override
            public void close() {
                closedB.set(true);
            }
        };
        assertThatThrownBy(() -> MedianPriceSource.of(a, b).close()).hasMessage("close failed");
        assertThat(closedB).isTrue();
    }

    // ------------------------------------------------------------------------------------------------------------

    private static BigDecimal rate(MedianPriceSource m) {
        return m.fetchRates().toCompletableFuture().join().get("USD");
    }

    private static PriceSource src(String id, String code, String value) {
        return named(id, () -> CompletableFuture.completedFuture(Map.of(code, new BigDecimal(value))));
    }

    private static PriceSource src2(String id, String c1, String v1, String c2, String v2) {
        Map<String, BigDecimal> m = new LinkedHashMap<>();
        m.put(c1, new BigDecimal(v1));
        m.put(c2, new BigDecimal(v2));
        return named(id, () -> CompletableFuture.completedFuture(m));
    }

    private static PriceSource named(String id, java.util.function.Supplier<CompletionStage<Map<String, BigDecimal>>> f) {
        return new PriceSource() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public CompletionStage<Map<String, BigDecimal>> fetchRates() {
                return f.get();
            }
        };
    }
}

package network.mostro.server.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import network.mostro.nostr.InvalidInputException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link YadioPriceSource} and {@link CoinGeckoPriceSource} against a local server serving recorded shapes. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpPriceSourcesTest {
    private final LocalHttp http = new LocalHttp();

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void yadioRecordedShapeGivesFiatPerBtcWithoutTheBtcSelfRate() {
        http.route("/exrates/BTC", ex -> LocalHttp.send(ex, 200, LocalHttp.shape("yadio-exrates-btc.json")));
        YadioPriceSource yadio = YadioPriceSource.builder().baseUrl(http.base() + "/").build();

        Map<String, BigDecimal> rates = yadio.fetchRates().toCompletableFuture().join();

        assertThat(yadio.id()).isEqualTo("yadio");
        assertThat(rates).hasSize(11).doesNotContainKey("BTC")
                .containsEntry("USD", new BigDecimal("84278.61"))
                .containsEntry("CUP", new BigDecimal("20227468"))
                .containsEntry("ARS", new BigDecimal("135131482.47"));
        assertThat(http.seen).singleElement().satisfies(ex -> {
            assertThat(ex.getRequestURI().getPath()).isEqualTo("/exrates/BTC");
            assertThat(ex.getRequestHeaders().getFirst("User-Agent")).isEqualTo("mostro-java-sdk");
        });
    }

    @Test
    void coinGeckoRecordedShapeKeepsFiatOnlyAndSendsTheApiKeyHeader() {
        http.route("/api/v3/exchange_rates", ex -> LocalHttp.send(ex, 200,
                LocalHttp.shape("coingecko-exchange-rates.json")));
        CoinGeckoPriceSource gecko = CoinGeckoPriceSource.builder().baseUrl(http.base() + "/api/v3")
                .apiKey("CG-test-key").build();

        Map<String, BigDecimal> rates = gecko.fetchRates().toCompletableFuture().join();

        assertThat(rates).containsOnlyKeys("USD", "EUR", "ARS", "BRL")
                .containsEntry("USD", new BigDecimal("84301.2"));
        assertThat(http.seen.get(0).getRequestHeaders().getFirst("x-cg-demo-api-key")).isEqualTo("CG-test-key");
        assertThat(gecko.toString()).doesNotContain("CG-test-key");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "[]", "{}", "{\"BTC\":[]}", "{\"BTC\":{}}", "{\"BTC\":{\"BTC\":1}}",
        "{\"BTC\":{\"USD\":0}}", "{\"BTC\":{\"USD\":-84000.5}}", "{\"BTC\":{\"USD\":\"84000\"}}",
        "{\"BTC\":{\"USD\":null}}", "{\"BTC\":{\"USD\":1e16}}", "{\"BTC\":{\"USD\":84000,\"EUR\":-1}}",
        "{\"BTC\":{\"USD\":84000},\"base\":\"USD\"}", "{\"BTC\":{\"USD\":84000},\"timestamp\":\"now\"}",
        "{\"BTC\":{\"USD\":84000,\"USD\":84001}}", "{\"BTC\":{\"USD\":84000}}{}", "{\"BTC\":{\"USD\":NaN}}",
        "{\"BTC\":{\"USD\":Infinity}}"
    })
    void malformedEmptyOrImplausibleYadioAnswersAreRefused(String body) {
        http.route("/exrates/BTC", ex -> LocalHttp.send(ex, 200, body));
        YadioPriceSource yadio = YadioPriceSource.builder().baseUrl(http.base()).build();
        assertThat(failure(yadio.fetchRates())).hasMessageStartingWith("yadio: ");
    }

    @Test
    void httpErrorsTimeoutsAndOversizedAnswersAreRefused() {
        http.route("/500/exrates/BTC", ex -> LocalHttp.send(ex, 500, "{\"error\":\"down\"}"));
        http.route("/301/exrates/BTC", ex -> {
            ex.getResponseHeaders().set("Location", "http://10.0.0.1/");
            ex.sendResponseHeaders(301, -1);
        });
        http.route("/slow/exrates/BTC", ex -> {
            Thread.sleep(10_000);
            LocalHttp.send(ex, 200, "{}");
        });
        http.route("/big/exrates/BTC", ex -> {
            ex.sendResponseHeaders(200, 0);
            try (OutputStream os = ex.getResponseBody()) {
                os.write("{\"BTC\":{\"USD\":1".getBytes());
                for (int i = 0; i < 100_000; i++) {
                    os.write(new byte[8192]);
                }
            }
        });
        Duration t = Duration.ofMillis(500);
        assertThat(failure(YadioPriceSource.builder().baseUrl(http.base() + "/500").build().fetchRates()))
                .hasMessageContaining("HTTP 500");
        assertThat(failure(YadioPriceSource.builder().baseUrl(http.base() + "/301").build().fetchRates()))
                .hasMessageContaining("HTTP 301");
        assertThat(failure(YadioPriceSource.builder().baseUrl(http.base() + "/slow").timeout(t).build().fetchRates()))
                .hasMessageContaining("timed out");
        assertThat(failure(YadioPriceSource.builder().baseUrl(http.base() + "/big").maxResponseBytes(4096).build()
                .fetchRates())).hasMessageContaining("4096");
        assertThat(failure(CoinGeckoPriceSource.builder().baseUrl("http://127.0.0.1:1").build().fetchRates()))
                .hasMessageContaining("coingecko: unreachable");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"rates\":[]}", "{\"rates\":{\"usd\":{\"value\":84000}}}", "{\"rates\":{\"usd\":{\"value\":\"1\",\"type\":\"fiat\"}}}",
        "{\"rates\":{\"usd\":{\"value\":-1,\"type\":\"fiat\"}}}", "{\"rates\":{\"usd\":{\"value\":0,\"type\":\"fiat\"}}}",
        "{\"rates\":{\"usd\":{\"value\":1e20,\"type\":\"fiat\"}}}", "{\"rates\":{\"btc\":{\"value\":1,\"type\":\"crypto\"}}}",
        "{\"rates\":{\"usd\":{\"value\":1,\"type\":\"fiat\"},\"USD\":{\"value\":2,\"type\":\"fiat\"}}}",
        "{\"rates\":{\"u\":{\"value\":1,\"type\":\"fiat\"}}}", "{\"rates\":{\"usd\":[1]}}"
    })
    void malformedOrImplausibleCoinGeckoAnswersAreRefused(String body) {
        http.route("/exchange_rates", ex -> LocalHttp.send(ex, 200, body));
        CoinGeckoPriceSource gecko = CoinGeckoPriceSource.builder().baseUrl(http.base()).build();
        assertThat(failure(gecko.fetchRates())).hasMessageStartingWith("coingecko: ");
    }

    @Test
    void buildersValidateTheirSettings() {
        for (String bad : List.of("ftp://x", "not a url", "https://x/?q=1", "/relative")) {
            assertThatThrownBy(() -> YadioPriceSource.builder().baseUrl(bad)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> YadioPriceSource.builder().timeout(Duration.ofSeconds(-1)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> CoinGeckoPriceSource.builder().apiKey("has space")).isInstanceOf(InvalidInputException.class);
        assertThat(YadioPriceSource.builder().build().uri()).hasToString("https://api.yadio.io/exrates/BTC");
        assertThat(CoinGeckoPriceSource.builder().build().uri())
                .hasToString("https://api.coingecko.com/api/v3/exchange_rates");
    }

    static PriceException failure(CompletionStage<?> stage) {
        try {
            stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(PriceException.class);
            return (PriceException) e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}

package network.mostro.server.price.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import network.mostro.server.price.PriceException;

/**
 * Fuzzes the price provider parsers. Contract: only {@link PriceException} escapes; an accepted answer is a non-empty
 * map of fiat codes (3–5 upper-case letters, never {@code BTC}) to rates within
 * {@link RatesParser#MIN_RATE}..{@link RatesParser#MAX_RATE}; parsing is deterministic.
 *
 * <p>Inputs: {@code src/test/resources/network/mostro/server/price/internal/RatesParserFuzzTestInputs/<method>/}
 * ({@code ok-} prefix = must be accepted; checked by {@link RatesParserFuzzCorpusTest}).
 */
class RatesParserFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void yadio(byte[] input) {
        accepts(input, RatesParser::yadio);
    }

    @FuzzTest(maxDuration = "5m")
    void coinGecko(byte[] input) {
        accepts(input, RatesParser::coinGecko);
    }

    static boolean accepts(byte[] input, Function<byte[], Map<String, BigDecimal>> parser) {
        Map<String, BigDecimal> rates;
        try {
            rates = parser.apply(input);
        } catch (PriceException expected) {
            return false;
        }
        assertThat(rates).isNotEmpty();
        rates.forEach((code, v) -> {
            assertThat(RatesParser.isFiatCode(code)).as(code).isTrue();
            assertThat(code).isNotEqualTo("BTC");
            assertThat(v).isBetween(RatesParser.MIN_RATE, RatesParser.MAX_RATE);
        });
        assertThat(parser.apply(input)).isEqualTo(rates);
        return true;
    }
}

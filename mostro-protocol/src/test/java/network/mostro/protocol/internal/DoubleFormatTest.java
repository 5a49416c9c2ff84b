package network.mostro.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** serde_json (ryu) float layout; expected strings are serde_json's documented/observed output for these values. */
class DoubleFormatTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0.0|0.0", "-0.0|-0.0", "1.0|1.0", "5|5.0", "4.5|4.5", "4.7|4.7", "0.1|0.1", "0.3|0.3",
        "3.3333333333333335|3.3333333333333335", "100|100.0", "1e15|1000000000000000.0", "1e16|1e16",
        "1.5e16|1.5e16", "123456789012345680|1.2345678901234568e17", "0.001|0.001", "0.0001|0.0001",
        "0.00001|0.00001", "0.000001|1e-6", "1.5e-7|1.5e-7", "1.7976931348623157e308|1.7976931348623157e308",
        "4.9e-324|5e-324", "2.2250738585072014e-308|2.2250738585072014e-308", "-2.5|-2.5", "9007199254740993|9007199254740992.0"})
    void printsLikeSerdeJson(double value, String expected) {
        assertThat(DoubleFormat.format(value)).isEqualTo(expected);
    }

    @Test
    void randomDoublesReadBackExactly() {
        Random r = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            double d = Double.longBitsToDouble(r.nextLong());
            if (!Double.isFinite(d)) {
                continue;
            }
            String s = DoubleFormat.format(d);
            assertThat(Double.parseDouble(s)).isEqualTo(d);
            assertThat(s).doesNotContain("E").doesNotContain("+");
            // never longer than 17 significant digits
            assertThat(s.replaceAll("e.*", "").replaceAll("[^0-9]", "").replaceFirst("^0+", "").length())
                    .isLessThanOrEqualTo(18);
        }
    }

    @Test
    void nonFiniteIsRejected() {
        assertThatThrownBy(() -> DoubleFormat.format(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DoubleFormat.format(Double.POSITIVE_INFINITY))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

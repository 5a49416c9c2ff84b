package network.mostro.protocol.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Rust {@code Display} formatting of the numbers the daemon writes into tags (SPEC §12). */
class RustDisplayTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.006, 0.006",
        "0.0, 0",
        "5.0, 5",
        "2.5, 2.5",
        "3.75, 3.75",
        "0.01, 0.01",
        "0.5, 0.5",
        "0.3, 0.3",
        "1000000.0, 1000000",
        "1e20, 100000000000000000000",
        "1e-7, 0.0000001",
        "1.5e-10, 0.00000000015",
        "123456789.125, 123456789.125",
        "-4.5, -4.5",
        "9007199254740993, 9007199254740992",
    })
    void f64LikeRustDisplay(double v, String expected) {
        assertThat(RustDisplay.f64(v)).isEqualTo(expected);
    }

    @Test
    void specialValues() {
        assertThat(RustDisplay.f64(0.1 + 0.2)).isEqualTo("0.30000000000000004");
        assertThat(RustDisplay.f64(-0.0)).isEqualTo("-0");
        assertThat(RustDisplay.f64(Double.MIN_VALUE)).isEqualTo("0." + "0".repeat(323) + "5");
        assertThat(RustDisplay.f64(Double.MAX_VALUE)).startsWith("17976931348623157").hasSize(309);
        assertThat(RustDisplay.bool(true)).isEqualTo("true");
        assertThat(RustDisplay.bool(false)).isEqualTo("false");
        assertThat(RustDisplay.i64(Long.MIN_VALUE)).isEqualTo("-9223372036854775808");
        assertThatThrownBy(() -> RustDisplay.f64(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void formatThenParseRoundTripsSeededRandomDoubles() {
        Random r = new Random(12345);
        for (int i = 0; i < 20_000; i++) {
            double v = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(r.nextLong());
                case 1 -> r.nextDouble() * Math.pow(10, r.nextInt(20) - 10);
                default -> r.nextInt(1_000_000) / 1000.0;
            };
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = RustDisplay.f64(v);
            assertThat(s).doesNotContain("e").doesNotContain("E");
            assertThat(RustDisplay.parseF64(s)).isEqualTo(v);
            if (s.contains(".")) {
                assertThat(s).doesNotEndWith("0");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1.2.3", "NaN", "inf", "-inf", "1e999", "0x10", " 1", "1 "})
    void parseF64RejectsNonDecimal(String s) {
        assertThat(RustDisplay.parseF64(s)).isNull();
    }

    @Test
    void parseIntegersAndBooleans() {
        assertThat(RustDisplay.parseF64("5")).isEqualTo(5.0);
        assertThat(RustDisplay.parseF64(".5")).isEqualTo(0.5);
        assertThat(RustDisplay.parseF64("1e3")).isEqualTo(1000.0);
        assertThat(RustDisplay.parseI64("-42")).isEqualTo(-42L);
        assertThat(RustDisplay.parseI64("+7")).isEqualTo(7L);
        assertThat(RustDisplay.parseI64("9223372036854775808")).isNull();
        assertThat(RustDisplay.parseI64("1.0")).isNull();
        assertThat(RustDisplay.parseBool("true")).isTrue();
        assertThat(RustDisplay.parseBool("True")).isNull();
    }

    @Test
    void hkdfMatchesRfc5869TestCase3() {
        // RFC 5869 A.3: SHA-256, IKM = 22 × 0x0b, empty salt, empty info, L = 42.
        byte[] ikm = new byte[22];
        java.util.Arrays.fill(ikm, (byte) 0x0b);
        byte[] prk = Hkdf.extract(new byte[0], ikm);
        assertThat(network.mostro.nostr.internal.Hex.encode(prk))
                .isEqualTo("19ef24a32c717b167f33a91d6f648bdf96596776afdb6377ac434c1c293ccb04");
        assertThat(network.mostro.nostr.internal.Hex.encode(Hkdf.derive(null, ikm, new byte[0], 42)))
                .isEqualTo("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
    }
}

package network.mostro.nostr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import network.mostro.nostr.MalformedInputException;
import org.junit.jupiter.api.Test;

/** Base58 and Base58Check (the BIP-32 serialization tests in HdKeyTest cover real xprv/xpub strings). */
class Base58Test {
    @Test
    void knownValues() {
        assertThat(Base58.encode(new byte[0])).isEmpty();
        assertThat(Base58.encode(new byte[] {0})).isEqualTo("1");
        assertThat(Base58.encode(new byte[] {0, 0, 1})).isEqualTo("112");
        assertThat(Base58.encode(new byte[] {57})).isEqualTo("z");
        assertThat(Base58.encode(new byte[] {58})).isEqualTo("21");
        assertThat(Base58.encode("Hello World!".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo("2NEpo7TZRRrLZSi2U");
        assertThat(Base58.decode("112", 10)).containsExactly(0, 0, 1);
        assertThat(Base58.decode("", 10)).isEmpty();
    }

    @Test
    void randomRoundTripsAgreeWithBigInteger() {
        Random random = new Random(58);
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        for (int i = 0; i < 500; i++) {
            byte[] b = new byte[random.nextInt(90)];
            random.nextBytes(b);
            if (b.length > 0 && random.nextBoolean()) {
                b[0] = 0;
            }
            String s = Base58.encode(b);
            assertThat(Base58.decode(s, 200)).isEqualTo(b);
            // Independent check: the non-zero part is the big-endian number in base 58.
            int zeros = 0;
            while (zeros < b.length && b[zeros] == 0) {
                zeros++;
            }
            StringBuilder expected = new StringBuilder();
            BigInteger n = new BigInteger(1, b);
            while (n.signum() > 0) {
                BigInteger[] qr = n.divideAndRemainder(BigInteger.valueOf(58));
                expected.insert(0, alphabet.charAt(qr[1].intValue()));
                n = qr[0];
            }
            assertThat(s).isEqualTo("1".repeat(zeros) + expected);
            assertThat(Base58.decodeChecked(Base58.encodeChecked(b), 200)).isEqualTo(b);
        }
    }

    @Test
    void errorsAreTyped() {
        for (String bad : new String[] {"0", "O", "I", "l", "abc!", "\u00e9", " 1"}) {
            assertThatThrownBy(() -> Base58.decode(bad, 10)).as(bad).isInstanceOf(MalformedInputException.class);
        }
        assertThatThrownBy(() -> Base58.decode(null, 10)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Base58.decode("1".repeat(11), 10)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Base58.decodeChecked("111", 10)).isInstanceOf(MalformedInputException.class);
        String good = Base58.encodeChecked(new byte[] {1, 2, 3});
        String bad = good.substring(0, good.length() - 1) + (good.endsWith("z") ? "y" : "z");
        assertThatThrownBy(() -> Base58.decodeChecked(bad, 20)).isInstanceOf(MalformedInputException.class)
                .hasMessageContaining("checksum");
    }
}

package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every row of the official BIP-340 test-vectors.csv. */
class SchnorrTest {
    record Row(int index, String sk, String pk, String aux, String msg, String sig, boolean valid, String comment) {
        @Override
        public String toString() {
            return "#" + index + (comment.isEmpty() ? "" : " " + comment);
        }
    }

    static Stream<Row> rows() throws Exception {
        try (var in = new BufferedReader(new InputStreamReader(
                SchnorrTest.class.getResourceAsStream("/vectors/bip340-test-vectors.csv"), StandardCharsets.UTF_8))) {
            List<String> lines = in.lines().skip(1).filter(l -> !l.isBlank()).toList();
            assertThat(lines).hasSize(19);
            return lines.stream().map(l -> {
                String[] c = l.split(",", -1);
                return new Row(Integer.parseInt(c[0]), c[1], c[2], c[3], c[4], c[5], c[6].equals("TRUE"), c[7]);
            }).toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("rows")
    void vector(Row row) {
        byte[] msg = Hex.decode(row.msg());
        byte[] sig = Hex.decode(row.sig());
        if (!row.sk().isEmpty()) {
            PrivateKey key = PrivateKey.fromHex(row.sk());
            assertThat(key.publicKey().toHex()).isEqualTo(row.pk().toLowerCase());
            assertThat(Hex.encode(key.sign(msg, Hex.decode(row.aux())))).isEqualTo(row.sig().toLowerCase());
        }
        PublicKey pub;
        try {
            pub = PublicKey.fromHex(row.pk());
        } catch (CryptoException e) {
            // Rows whose public key is not on the curve (or x >= p) must fail verification.
            assertThat(row.valid()).as("public key rejected").isFalse();
            return;
        }
        assertThat(pub.verify(msg, sig)).isEqualTo(row.valid());
    }

    @Test
    void signaturesVerifyAndTamperingIsDetected() {
        PrivateKey key = PrivateKey.generate(new java.util.Random(42));
        byte[] msg = Schnorr.sha256("hello".getBytes(StandardCharsets.UTF_8));
        byte[] sig = key.sign(msg);
        assertThat(key.publicKey().verify(msg, sig)).isTrue();
        sig[63] ^= 1;
        assertThat(key.publicKey().verify(msg, sig)).isFalse();
        assertThat(key.publicKey().verify(msg, new byte[10])).isFalse();
    }

    @Test
    void privateKeyRangeAndRedaction() {
        assertThatThrownBy(() -> PrivateKey.fromHex("00".repeat(32))).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PrivateKey.fromHex(
                "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> PrivateKey.fromHex("zz")).isInstanceOf(MalformedInputException.class);
        PrivateKey k = PrivateKey.fromHex("0000000000000000000000000000000000000000000000000000000000000003");
        assertThat(k.toString()).doesNotContain(k.toHex()).contains(k.publicKey().toHex());
    }
}

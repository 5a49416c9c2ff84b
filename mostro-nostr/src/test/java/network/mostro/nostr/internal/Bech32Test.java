package network.mostro.nostr.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.NostrException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bech32 against the BIP-173 test vectors (bitcoin/bips {@code bip-0173.mediawiki}, "Test vectors"),
 * transcribed here: the valid and invalid bech32 strings, and the segwit cases that exercise padding.
 */
class Bech32Test {
    /** BIP-173: "The following strings are valid Bech32". */
    private static final List<String> VALID = List.of(
            "A12UEL5L",
            "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqc8247j",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl");

    /** BIP-173: "The following string are not valid Bech32", with the listed reason. */
    private static final List<String[]> INVALID = List.of(
            new String[] {"\u00201nwldj5", "HRP character out of range"},
            new String[] {"\u007f1axkwrx", "HRP character out of range"},
            new String[] {"\u00801eym55h", "HRP character out of range"},
            new String[] {"an84characterslonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1569pvx",
                "overall max length exceeded"},
            new String[] {"pzry9x0s0muk", "No separator character"},
            new String[] {"1pzry9x0s0muk", "Empty HRP"},
            new String[] {"x1b4n0q5v", "Invalid data character"},
            new String[] {"li1dgmt3", "Too short checksum"},
            new String[] {"de1lg7wt\u00ff", "Invalid character in checksum"},
            new String[] {"A1G7SGD8", "checksum calculated with uppercase form of HRP"},
            new String[] {"10a06t8", "empty HRP"},
            new String[] {"1qzzfhee", "empty HRP"});

    @Test
    void bip173Valid() {
        assertThat(VALID).hasSize(7);
        for (String s : VALID) {
            Bech32.Decoded d = Bech32.decode(s, Bech32.BIP173_MAX_LENGTH);
            assertThat(d.hrp()).isEqualTo(s.substring(0, s.lastIndexOf('1')).toLowerCase(java.util.Locale.ROOT));
            // Re-encoding yields the lowercase form.
            assertThat(Bech32.encode(d.hrp(), d.data())).isEqualTo(s.toLowerCase(java.util.Locale.ROOT));
            // Any single-character change in the data part breaks the checksum.
            int sep = s.lastIndexOf('1');
            for (int i = sep + 1; i < s.length(); i++) {
                char[] c = s.toLowerCase(java.util.Locale.ROOT).toCharArray();
                c[i] = c[i] == 'q' ? 'p' : 'q';
                String mutated = new String(c);
                assertThatThrownBy(() -> Bech32.decode(mutated, Bech32.BIP173_MAX_LENGTH))
                        .as(mutated).isInstanceOf(MalformedInputException.class);
            }
        }
    }

    @Test
    void bip173Invalid() {
        assertThat(INVALID).hasSize(12);
        for (String[] c : INVALID) {
            assertThatThrownBy(() -> Bech32.decode(c[0], Bech32.BIP173_MAX_LENGTH))
                    .as(c[1] + ": " + c[0])
                    .isInstanceOf(c[1].equals("overall max length exceeded")
                            ? InvalidInputException.class
                            : MalformedInputException.class);
        }
        // With a larger limit the 91-character string is only rejected for its checksum... which is valid.
        assertThat(Bech32.decode(INVALID.get(3)[0], 100).hrp()).startsWith("an84");
    }

    @Test
    void bip173SegwitPaddingCases() {
        // Valid checksums but invalid 5-to-8 bit conversions of the witness program (after the version group).
        assertThatThrownBy(() -> program("bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du"))
                .as("zero padding of more than 4 bits").isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> program("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3pjxtptv"))
                .as("non-zero padding").isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Bech32.decode("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sL5k7", 90))
                .as("mixed case").isInstanceOf(MalformedInputException.class).hasMessageContaining("mixed case");
        assertThatThrownBy(() -> Bech32.decode("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", 90))
                .as("invalid checksum").isInstanceOf(MalformedInputException.class).hasMessageContaining("checksum");
        // Valid segwit addresses decode to the listed scriptPubKey programs.
        assertThat(Hex.encode(program("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4")))
                .isEqualTo("751e76e8199196d454941c45d1b3a323f1433bd6");
        assertThat(Hex.encode(program("tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7")))
                .isEqualTo("1863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262");
    }

    private static byte[] program(String address) {
        byte[] data = Bech32.decode(address, Bech32.BIP173_MAX_LENGTH).data();
        return Bech32.fromWords(Arrays.copyOfRange(data, 1, data.length));
    }

    @Test
    void longStringsNeedALargerLimit() {
        // BOLT11 invoices run to hundreds of characters; the caller picks the limit.
        byte[] payload = new byte[900];
        new Random(1).nextBytes(payload);
        String s = Bech32.encode("lnbc10u", Bech32.toWords(payload));
        assertThat(s.length()).isGreaterThan(1400);
        assertThat(Bech32.fromWords(Bech32.decode(s, 7089).data())).isEqualTo(payload);
        assertThat(Bech32.fromWords(Bech32.decode(s.toUpperCase(java.util.Locale.ROOT), 7089).data())).isEqualTo(payload);
        assertThatThrownBy(() -> Bech32.decode(s, 90)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Bech32.decode(s, s.length() - 1)).isInstanceOf(InvalidInputException.class);
        assertThat(Bech32.decode(s, s.length()).hrp()).isEqualTo("lnbc10u");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void randomRoundTripsAndConvertBits(long seed) {
        Random random = new Random(seed);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(100)];
            random.nextBytes(bytes);
            byte[] words = Bech32.toWords(bytes);
            assertThat(words.length).isEqualTo((bytes.length * 8 + 4) / 5);
            assertThat(Bech32.fromWords(words)).isEqualTo(bytes);
            String s = Bech32.encode("test", words);
            Bech32.Decoded d = Bech32.decode(s, 1000);
            assertThat(d).isEqualTo(new Bech32.Decoded("test", words));
            // A random substitution never escapes as anything but a typed exception.
            char[] c = s.toCharArray();
            c[random.nextInt(c.length)] = (char) (32 + random.nextInt(100));
            try {
                Bech32.decode(new String(c), 1000);
            } catch (NostrException expected) {
                // typed
            }
        }
    }

    @Test
    void encodeRejectsBadInput() {
        assertThatThrownBy(() -> Bech32.encode("", new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Bech32.encode(null, new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Bech32.encode("a", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Bech32.encode("a b", new byte[0])).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Bech32.encode("a", new byte[] {32})).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Bech32.encode("a", new byte[] {-1})).isInstanceOf(InvalidInputException.class);
        assertThat(Bech32.encode("A", new byte[0])).isEqualTo("a12uel5l");
        assertThatThrownBy(() -> Bech32.decode(null, 90)).isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Bech32.convertBits(new byte[] {(byte) 0x20}, 5, 8, false))
                .isInstanceOf(MalformedInputException.class);
        assertThatThrownBy(() -> Bech32.convertBits(new byte[0], 0, 8, false)).isInstanceOf(InvalidInputException.class);
        // Bech32m checksums (constant 0x2bc830a3) are not bech32: BIP-350's "a1lqfn3a" must fail.
        assertThatThrownBy(() -> Bech32.decode("a1lqfn3a", 90)).isInstanceOf(MalformedInputException.class);
    }
}

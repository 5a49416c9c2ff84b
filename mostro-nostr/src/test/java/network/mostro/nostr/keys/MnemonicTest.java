package network.mostro.nostr.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.MalformedInputException;
import network.mostro.nostr.NostrException;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** BIP-39: every English entry of trezor/python-mnemonic's vectors.json, plus error and normalization cases. */
class MnemonicTest {
    private static final String ABANDON_ABOUT =
            "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";

    record Trezor(int index, String entropy, String mnemonic, String seed, String xprv) {
        @Override
        public String toString() {
            return "english#" + index + " (" + mnemonic.split(" ").length + " words)";
        }
    }

    static Stream<Trezor> trezorEnglish() {
        List<Object> english = VectorJson.list(VectorJson.map(VectorJson.load("bip39-trezor-vectors.json")).get("english"));
        assertThat(english).hasSize(24);
        return IntStream.range(0, english.size()).mapToObj(i -> {
            List<Object> e = VectorJson.list(english.get(i));
            assertThat(e).hasSize(4);
            return new Trezor(i, (String) e.get(0), (String) e.get(1), (String) e.get(2), (String) e.get(3));
        });
    }

    @ParameterizedTest
    @MethodSource("trezorEnglish")
    void trezorVector(Trezor v) {
        Mnemonic fromEntropy = Mnemonic.fromEntropy(Hex.decode(v.entropy()));
        assertThat(fromEntropy.phrase()).isEqualTo(v.mnemonic());

        Mnemonic parsed = Mnemonic.parse(v.mnemonic());
        assertThat(Hex.encode(parsed.entropy())).isEqualTo(v.entropy());
        assertThat(parsed).isEqualTo(fromEntropy);
        assertThat(parsed.words()).containsExactly(v.mnemonic().split(" "));

        byte[] seed = parsed.toSeed("TREZOR");
        assertThat(Hex.encode(seed)).isEqualTo(v.seed());

        HdKey master = HdKey.fromSeed(seed);
        assertThat(master.toXprv()).isEqualTo(v.xprv());
        assertThat(HdKey.fromXprv(v.xprv()).toXprv()).isEqualTo(v.xprv());
    }

    @Test
    void shippedWordlistIsTheOfficialOne() throws Exception {
        byte[] main;
        byte[] vector;
        try (InputStream a = Bip39Wordlist.class.getResourceAsStream(Bip39Wordlist.RESOURCE);
                InputStream b = getClass().getResourceAsStream("/vectors/bip39-english-wordlist.txt")) {
            main = a.readAllBytes();
            vector = b.readAllBytes();
        }
        assertThat(main).isEqualTo(vector);
        assertThat(Bip39Wordlist.words()).hasSize(2048).startsWith("abandon", "ability").endsWith("zoo");
        assertThat(Bip39Wordlist.indexOf("zoo")).isEqualTo(2047);
        assertThat(Bip39Wordlist.indexOf("Zoo")).isEqualTo(-1);
    }

    @Test
    void emptyPassphraseSeed() {
        // BIP-39 reference value for the all-abandon mnemonic with an empty passphrase (also in
        // mostro-key-derivation.vectors.json, checked in MostroKeysTest).
        assertThat(Mnemonic.parse(ABANDON_ABOUT).toSeed()).isEqualTo(Mnemonic.parse(ABANDON_ABOUT).toSeed(""));
        assertThat(Mnemonic.parse(ABANDON_ABOUT).toSeed("")).isNotEqualTo(Mnemonic.parse(ABANDON_ABOUT).toSeed("TREZOR"));
    }

    @Test
    void unknownWordNamesItsPositionButNotTheWord() {
        String phrase = ABANDON_ABOUT.replaceFirst("abandon abandon abandon", "abandon abandon abandn");
        assertThatThrownBy(() -> Mnemonic.parse(phrase))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("word 3")
                .hasMessageNotContaining("abandn")
                .satisfies(e -> assertThat(((NostrException) e).kind()).isEqualTo(NostrException.Kind.INVALID));
        // Uppercase is not in the (lowercase) wordlist.
        assertThatThrownBy(() -> Mnemonic.parse("Abandon" + ABANDON_ABOUT.substring(7)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("word 1");
    }

    @Test
    void badChecksumIsRejected() {
        String phrase = ABANDON_ABOUT.replace("about", "abandon");
        assertThatThrownBy(() -> Mnemonic.parse(phrase))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("checksum");
        assertThat(Mnemonic.isValid(phrase)).isFalse();
        assertThat(Mnemonic.isValid(ABANDON_ABOUT)).isTrue();
        // "zoo ... wrong" is valid; every other last word for the same first eleven words has 1/16 chance.
        int valid = 0;
        for (String w : Bip39Wordlist.words()) {
            if (Mnemonic.isValid("zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo zoo " + w)) {
                valid++;
            }
        }
        assertThat(valid).isEqualTo(128); // 2048 words / 2^4 checksum bits
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 3, 11, 13, 14, 16, 23, 25, 27, 48})
    void wrongWordCount(int count) {
        String phrase = String.join(" ", java.util.Collections.nCopies(count, "abandon"));
        assertThatThrownBy(() -> Mnemonic.parse(phrase))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("got " + count);
    }

    @Test
    void nullAndHugeInputs() {
        assertThatThrownBy(() -> Mnemonic.parse(null)).isInstanceOf(MalformedInputException.class);
        assertThat(Mnemonic.isValid(null)).isFalse();
        assertThatThrownBy(() -> Mnemonic.parse("abandon ".repeat(200)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> Mnemonic.parse(ABANDON_ABOUT).toSeed(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Mnemonic.fromEntropy(null)).isInstanceOf(InvalidInputException.class);
        for (int len : new int[] {0, 4, 12, 15, 17, 36, 64}) {
            assertThatThrownBy(() -> Mnemonic.fromEntropy(new byte[len])).isInstanceOf(InvalidInputException.class);
        }
        for (int n : new int[] {0, 11, 13, 27, -12}) {
            assertThatThrownBy(() -> Mnemonic.generate(n)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> Mnemonic.generate(12, null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void whitespaceAndUnicodeNormalization() {
        Mnemonic canonical = Mnemonic.parse(ABANDON_ABOUT);
        // Ideographic space (U+3000), no-break space (U+00A0), tabs, newlines and surrounding space are
        // separators after NFKD.
        String messy = "  " + ABANDON_ABOUT.replaceFirst(" ", "\u3000").replaceFirst(" ", "\u00a0")
                .replaceFirst(" ", "\t\n ") + "\n";
        Mnemonic parsed = Mnemonic.parse(messy);
        assertThat(parsed.phrase()).isEqualTo(ABANDON_ABOUT);
        assertThat(parsed.toSeed("x")).isEqualTo(canonical.toSeed("x"));
        // Fullwidth letters (U+FF41...) decompose to ASCII under NFKD.
        String fullwidthAbout = "\uff41\uff42\uff4f\uff55\uff54";
        assertThat(Mnemonic.parse(ABANDON_ABOUT.replace("about", fullwidthAbout))).isEqualTo(canonical);
        // The passphrase is NFKD-normalized too: composed and decomposed forms give one seed.
        assertThat(canonical.toSeed("caf\u00e9")).isEqualTo(canonical.toSeed("cafe\u0301"));
        assertThat(canonical.toSeed("\uff34\uff32\uff25\uff3a\uff2f\uff32")).isEqualTo(canonical.toSeed("TREZOR"));
        assertThat(canonical.toSeed("caf\u00e9")).isNotEqualTo(canonical.toSeed("cafe"));
    }

    @ParameterizedTest
    @ValueSource(ints = {12, 15, 18, 21, 24})
    void generatedMnemonicsRoundTrip(int words) {
        Random random = new Random(words * 7919L);
        for (int i = 0; i < 50; i++) {
            Mnemonic m = Mnemonic.generate(words, random);
            assertThat(m.wordCount()).isEqualTo(words);
            assertThat(m.entropy()).hasSize(words * 4 / 3);
            Mnemonic back = Mnemonic.parse(m.phrase());
            assertThat(back).isEqualTo(m);
            assertThat(back.entropy()).isEqualTo(m.entropy());
            assertThat(Mnemonic.fromEntropy(m.entropy()).phrase()).isEqualTo(m.phrase());
        }
        assertThat(Mnemonic.generate(words).wordCount()).isEqualTo(words);
        assertThat(Mnemonic.generate(words, new SecureRandom())).isNotEqualTo(Mnemonic.generate(words));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void singleWordSubstitutionIsDetectedMostOfTheTime(long seed) {
        // A changed word breaks the checksum unless it happens to match (probability 2^-cs); over many random
        // substitutions in 24-word mnemonics (8 checksum bits) the acceptance rate must stay near 1/256.
        Random random = new Random(seed);
        int accepted = 0;
        int trials = 400;
        for (int i = 0; i < trials; i++) {
            Mnemonic m = Mnemonic.generate(24, random);
            String[] words = m.words().toArray(new String[0]);
            int pos = random.nextInt(24);
            String replacement;
            do {
                replacement = Bip39Wordlist.word(random.nextInt(2048));
            } while (replacement.equals(words[pos]));
            words[pos] = replacement;
            if (Mnemonic.isValid(String.join(" ", words))) {
                accepted++;
            }
        }
        assertThat(accepted).isLessThan(10);
    }

    @Test
    void secretsStayOutOfToString() {
        Mnemonic m = Mnemonic.parse(ABANDON_ABOUT);
        assertThat(m.toString()).isEqualTo("Mnemonic[12 words]").doesNotContain("abandon");
        assertThat(m.hashCode()).isEqualTo(12);
        byte[] entropy = m.entropy();
        Arrays.fill(entropy, (byte) 1);
        assertThat(m.entropy()).isEqualTo(new byte[16]);
        assertThatThrownBy(() -> m.words().set(0, "zoo")).isInstanceOf(UnsupportedOperationException.class);
    }
}

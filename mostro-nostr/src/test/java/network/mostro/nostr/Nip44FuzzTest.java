package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * Fuzzes NIP-44 v2 decryption ({@link Nip44#decrypt(String, byte[])}).
 *
 * <p>Input layout: the first 32 bytes are the conversation key (inputs shorter than that use the zero key and
 * are the payload), the rest is the payload as UTF-8. Contract: only {@link NostrException} subclasses escape,
 * with both {@link Nip44.LengthPrefix} modes. When a payload decrypts, the plaintext is non-empty, decryption is
 * deterministic, the two modes agree (or {@code U16_ONLY} refuses with a typed error), and re-encrypting the
 * plaintext with the payload's own nonce reproduces the payload exactly (so no second encoding of a ciphertext
 * is accepted).
 *
 * <p>Seeds and regression inputs: {@code src/test/resources/network/mostro/nostr/Nip44FuzzTestInputs/decrypt/}
 * (every {@code encrypt_decrypt} and {@code invalid.decrypt} entry of the official vectors). See
 * {@code docs/fuzzing.md}.
 */
class Nip44FuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decrypt(byte[] input) {
        accepts(input);
    }

    /** Runs the target: true when the payload decrypted (and the invariants held), false on a typed rejection. */
    static boolean accepts(byte[] input) {
        byte[] key = input.length >= 32 ? Arrays.copyOf(input, 32) : new byte[32];
        byte[] rest = input.length >= 32 ? Arrays.copyOfRange(input, 32, input.length) : input;
        String payload = new String(rest, StandardCharsets.UTF_8);
        String plaintext;
        try {
            plaintext = Nip44.decrypt(payload, key);
        } catch (NostrException expected) {
            return false;
        }
        assertThat(plaintext).isNotEmpty();
        assertThat(Nip44.decrypt(payload, key)).isEqualTo(plaintext);
        try {
            assertThat(Nip44.decrypt(payload, key, Nip44.LengthPrefix.U16_ONLY)).isEqualTo(plaintext);
        } catch (NostrException refusedExtended) {
            assertThat(plaintext.getBytes(StandardCharsets.UTF_8).length)
                    .isGreaterThan(Nip44.MAX_STANDARD_PLAINTEXT_BYTES);
        }
        byte[] raw = Base64.getDecoder().decode(payload);
        byte[] nonce = Arrays.copyOfRange(raw, 1, 33);
        assertThat(Nip44.encrypt(plaintext, key, nonce)).isEqualTo(payload);
        return true;
    }
}

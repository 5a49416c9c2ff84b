package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import network.mostro.nostr.internal.Bech32;

/**
 * Fuzzes bech32 and NIP-19 decoding ({@link Bech32#decode}, {@link Nip19#decode}, {@link PublicKey#fromNpub}).
 *
 * <p>The input is UTF-8 text. Contract: only {@link NostrException} subclasses escape. When a string decodes:
 * <ul>
 *   <li>bech32: re-encoding the HRP and data gives back the input in lowercase (one encoding per value);
 *   <li>NIP-19: the entity re-encodes to a string that decodes to an equal entity; {@code npub}, {@code nsec}
 *       and {@code note} (no TLV to normalize) re-encode to the lowercase input exactly; and
 *       {@link PublicKey#fromNpub} accepts exactly the strings that decode to an {@link Nip19.Npub}, with the same
 *       key.
 * </ul>
 *
 * <p>Seeds and regression inputs: {@code src/test/resources/network/mostro/nostr/Nip19FuzzTestInputs/<method>/}
 * (the NIP-06 and NIP-19 examples, BIP-173 valid and invalid strings). See {@code docs/fuzzing.md}.
 */
class Nip19FuzzTest {

    @FuzzTest(maxDuration = "5m")
    void bech32Decode(byte[] input) {
        acceptsBech32(input);
    }

    @FuzzTest(maxDuration = "5m")
    void nip19Decode(byte[] input) {
        acceptsNip19(input);
    }

    /** Runs the bech32 target: true when the input decoded (and the invariants held), false on a typed rejection. */
    static boolean acceptsBech32(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s, Nip19.MAX_LENGTH);
        } catch (NostrException expected) {
            return false;
        }
        assertThat(Bech32.encode(d.hrp(), d.data())).isEqualTo(s.toLowerCase(Locale.ROOT));
        return true;
    }

    /** Runs the NIP-19 target: true when the input decoded (and the invariants held), false on a typed rejection. */
    static boolean acceptsNip19(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        Nip19 entity;
        try {
            entity = Nip19.decode(s);
        } catch (NostrException expected) {
            assertThatThrownBy(() -> PublicKey.fromNpub(s)).isInstanceOf(NostrException.class);
            return false;
        }
        String again = entity.encode();
        assertThat(Nip19.decode(again)).isEqualTo(entity);
        if (entity instanceof Nip19.Npub || entity instanceof Nip19.Nsec || entity instanceof Nip19.Note) {
            assertThat(again).isEqualTo(s.toLowerCase(Locale.ROOT));
        }
        if (entity instanceof Nip19.Npub npub) {
            assertThat(PublicKey.fromNpub(s)).isEqualTo(npub.publicKey());
        } else {
            assertThatThrownBy(() -> PublicKey.fromNpub(s)).isInstanceOf(NostrException.class);
        }
        return true;
    }
}

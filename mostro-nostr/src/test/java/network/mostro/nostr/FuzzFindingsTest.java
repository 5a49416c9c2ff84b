package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;

/**
 * Readable regression tests for what fuzzing found; the raw inputs also stay in the corpora as
 * {@code finding-*} files (see {@code docs/fuzzing.md}).
 */
class FuzzFindingsTest {

    /**
     * Nip44FuzzTest#decrypt, input {@code Nip44FuzzTestInputs/decrypt/finding-noncanonical-base64-padding-bits}:
     * official vector {@code valid.encrypt_decrypt[7]} with its last base64 symbol changed from {@code I} to
     * {@code K}. Only the two unused low bits differ, so {@code java.util.Base64} decoded it to the same bytes and
     * the payload was accepted: a second encoding of one ciphertext, which rust-nostr's decoder refuses.
     */
    @Test
    void nip44RejectsNonZeroBase64PaddingBits() {
        byte[] key = Hex.decode("75fe686d21a035f0c7cd70da64ba307936e5ca0b20710496a6b6b5f573377bdd");
        String canonical = "AjjRygq++eX1ZOiXYahs7gRXS2gl0+8gY7EK11iZ5LAjbOTrlfrxak5Lki42v2jMPpLSicy8eHjsWkkMtF0i925vOaKG"
                + "/ZkMHh9ccQBdfTvgEGKzztedqDCAWb5TP1YwU1PsWaiiqG3+WgVvJiO4lUdMHXL7+zKKx8bgDtowzz4QAwI=";
        String altered = canonical.substring(0, canonical.length() - 2) + "K=";
        assertThat(Nip44.decrypt(canonical, key)).isNotEmpty();
        assertThatThrownBy(() -> Nip44.decrypt(altered, key)).isInstanceOf(MalformedInputException.class);
    }
}

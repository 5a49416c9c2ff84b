package network.mostro.nostr.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both test vectors of NIP-06 (transcribed in nip06.vectors.json). */
class Nip06Test {
    static Stream<Map<String, Object>> vectors() {
        Map<String, Object> file = VectorJson.map(VectorJson.load("nip06.vectors.json"));
        assertThat(file.get("path")).isEqualTo("m/44'/1237'/0'/0/0");
        assertThat(file.get("passphrase")).isEqualTo("");
        List<Object> vectors = VectorJson.list(file.get("vectors"));
        assertThat(vectors).hasSize(2);
        return vectors.stream().map(VectorJson::map);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void officialVector(Map<String, Object> v) {
        Mnemonic mnemonic = Mnemonic.parse((String) v.get("mnemonic"));
        PrivateKey key = Nip06.privateKey(mnemonic, "", 0);
        assertThat(key.toHex()).isEqualTo(v.get("private_key_hex"));
        assertThat(key.toNsec()).isEqualTo(v.get("nsec"));
        assertThat(key.publicKey().toHex()).isEqualTo(v.get("public_key_hex"));
        assertThat(key.publicKey().toNpub()).isEqualTo(v.get("npub"));

        assertThat(PrivateKey.fromNsec((String) v.get("nsec"))).isEqualTo(key);
        assertThat(PublicKey.fromNpub((String) v.get("npub"))).isEqualTo(key.publicKey());
        assertThat(Nip06.privateKey(mnemonic)).isEqualTo(key);
        assertThat(HdKey.fromSeed(mnemonic.toSeed("")).derive("m/44'/1237'/0'/0/0").privateKey())
                .isEqualTo(key);
    }

    @Test
    void accountsAndPassphrasesGiveDifferentKeys() {
        Mnemonic m = Mnemonic.parse("leader monkey parrot ring guide accident before fence cannon height naive bean");
        PrivateKey account0 = Nip06.privateKey(m, "", 0);
        PrivateKey account1 = Nip06.privateKey(m, "", 1);
        assertThat(account1).isNotEqualTo(account0);
        assertThat(account1).isEqualTo(HdKey.fromSeed(m.toSeed()).derive("m/44'/1237'/1'/0/0").privateKey());
        assertThat(Nip06.privateKey(m, "secret", 0)).isNotEqualTo(account0);
        assertThatThrownBy(() -> Nip06.privateKey(m, "", -1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip06.privateKey(null, "", 0)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Nip06.privateKey(m, null, 0)).isInstanceOf(InvalidInputException.class);
        HdKey child = HdKey.fromSeed(m.toSeed()).deriveChild(0, true);
        assertThatThrownBy(() -> Nip06.accountKey(child, 0)).isInstanceOf(InvalidInputException.class);
    }
}

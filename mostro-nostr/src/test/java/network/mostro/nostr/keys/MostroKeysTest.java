package network.mostro.nostr.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import network.mostro.nostr.InvalidInputException;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every key of mostro-key-derivation.vectors.json ({@code m/44'/1237'/38383'/0/i}). */
class MostroKeysTest {
    static Stream<Map<String, Object>> vectors() {
        Map<String, Object> file = VectorJson.map(VectorJson.load("mostro-key-derivation.vectors.json"));
        assertThat(file.get("path_template")).isEqualTo(MostroKeys.BASE_PATH + "/{index}");
        assertThat(file.get("passphrase")).isEqualTo("");
        List<Object> vectors = VectorJson.list(file.get("vectors"));
        assertThat(vectors).hasSize(3);
        int keys = 0;
        for (Object v : vectors) {
            keys += VectorJson.list(VectorJson.map(v).get("keys")).size();
        }
        assertThat(keys).isEqualTo(18);
        return vectors.stream().map(VectorJson::map);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void everyKey(Map<String, Object> v) {
        Mnemonic mnemonic = Mnemonic.parse((String) v.get("mnemonic"));
        byte[] seed = mnemonic.toSeed("");
        assertThat(Hex.encode(seed)).isEqualTo(v.get("seed_hex"));
        MostroKeys mostro = MostroKeys.fromMnemonic(mnemonic);
        HdKey master = HdKey.fromSeed(seed);
        HdPublicKey watchOnly = mostro.basePublicKey();

        List<Object> keys = VectorJson.list(v.get("keys"));
        assertThat(keys).hasSize(6);
        for (Object o : keys) {
            Map<String, Object> k = VectorJson.map(o);
            long index = (Long) k.get("index");
            assertThat(k.get("path")).isEqualTo(MostroKeys.BASE_PATH + "/" + index);
            assertThat(k.get("role")).isEqualTo(index == 0 ? "identity" : "trade");

            PrivateKey key = index == 0 ? mostro.identityKey() : mostro.tradeKey(index);
            assertThat(key.toHex()).as("private %d", index).isEqualTo(k.get("private_key_hex"));
            assertThat(key.publicKey().toHex()).as("public %d", index).isEqualTo(k.get("public_key_hex"));
            assertThat(key.toNsec()).as("nsec %d", index).isEqualTo(k.get("nsec"));
            assertThat(key.publicKey().toNpub()).as("npub %d", index).isEqualTo(k.get("npub"));

            assertThat(mostro.key(index)).isEqualTo(key);
            assertThat(master.derive((String) k.get("path")).privateKey()).isEqualTo(key);
            assertThat(watchOnly.deriveChild((int) index).publicKey()).isEqualTo(key.publicKey());
            assertThat(PrivateKey.fromNsec((String) k.get("nsec"))).isEqualTo(key);
            assertThat(PublicKey.fromNpub((String) k.get("npub")).toHex()).isEqualTo(k.get("public_key_hex"));
        }
        // The NIP-06 account-0 key recorded alongside.
        PrivateKey nip06 = Nip06.privateKey(mnemonic, "", 0);
        assertThat(nip06.toHex()).isEqualTo(v.get("nip06_account0_private_key_hex"));
        assertThat(nip06.publicKey().toHex()).isEqualTo(v.get("nip06_account0_public_key_hex"));
    }

    @Test
    void indexRangesAndConstructors() {
        Mnemonic m = Mnemonic.parse("leader monkey parrot ring guide accident before fence cannon height naive bean");
        MostroKeys keys = MostroKeys.fromMnemonic(m);
        assertThat(MostroKeys.fromSeed(m.toSeed()).tradeKey(3)).isEqualTo(keys.tradeKey(3));
        assertThat(MostroKeys.fromMaster(HdKey.fromSeed(m.toSeed())).identityKey()).isEqualTo(keys.identityKey());
        assertThat(MostroKeys.fromMnemonic(m, "p").identityKey()).isNotEqualTo(keys.identityKey());
        assertThat(keys.key(0)).isSameAs(keys.identityKey());
        assertThat(keys.tradeKey(MostroKeys.MAX_INDEX)).isEqualTo(
                HdKey.fromSeed(m.toSeed()).derive("m/44'/1237'/38383'/0/2147483647").privateKey());
        for (long bad : new long[] {0, -1, MostroKeys.MAX_INDEX + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThatThrownBy(() -> keys.tradeKey(bad)).isInstanceOf(InvalidInputException.class);
        }
        assertThatThrownBy(() -> keys.key(-1)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> keys.key(1L << 31)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MostroKeys.fromMnemonic(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MostroKeys.fromSeed(new byte[8])).isInstanceOf(InvalidInputException.class);
        HdKey child = HdKey.fromSeed(m.toSeed()).deriveChild(1, false);
        assertThatThrownBy(() -> MostroKeys.fromMaster(child)).isInstanceOf(InvalidInputException.class);
        assertThat(keys.basePublicKey().depth()).isEqualTo(4);
        assertThat(keys.toString()).contains(keys.identityKey().publicKey().toHex())
                .doesNotContain(keys.identityKey().toHex());
    }
}

package network.mostro.nostr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.security.MessageDigest;
import network.mostro.nostr.internal.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vector files are byte-for-byte copies of their sources (checksums from shared/vectors/README.md). */
class VectorFilesTest {
    @ParameterizedTest
    @CsvSource({
        "bip32-bitcoinjs-fixtures.json, 3e53b1caf576b20de29a521dbb9dab4150d705952c562319c3eada5857b40baf",
        "bip340-test-vectors.csv, 34c9d1d9c3a88d524bc80778540dc43f8306ec249a7485293063c376db851c2d",
        "bip39-english-wordlist.txt, 2f5eed53a4727b4bf8880d8f3f199efc90e58503646d9ff8eff3a2ed3b24dbda",
        "bip39-trezor-vectors.json, fa3b937b7cff9c9b8ecd3aa011faeb8d6dd67993174b72326e83f4de8fdb30f8",
        "mostro-key-derivation.vectors.json, 14312a4f055f4a5c6adf8c7d1da6d315bb90297b6009b7d54d7dba9f43d66a98",
        "mostro-message-signing.vectors.json, 5c3159c1204fb3527ab9e765b1077954e74c4f3de888c372e529c9e8a93c5ec9",
        "mostro-transport-v1-giftwrap.vectors.json, 7a6b930d94b3531905d25d93347bf9d5e6bd3d980955d198a5160ea6349f2983",
        "nip06.vectors.json, 2c16fca6e69b9314f2c8d5408fc49cc8b37a05a3b7df43a161afe68ac118cfb6",
        "nip44-extended-length.vectors.json, b25edabe4f6e8ba5ca642f570d81f1e15d55f6e25b1cfe77e3dd889ba3030d8f",
        "nip44.vectors.json, 269ed0f69e4c192512cc779e78c555090cebc7c785b609e338a62afc3ce25040",
    })
    void fileIsUnmodified(String name, String sha256) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/vectors/" + name)) {
            assertThat(in).as(name).isNotNull();
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
            assertThat(Hex.encode(digest)).isEqualTo(sha256);
        }
    }
}

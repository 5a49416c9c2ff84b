package network.mostro.protocol.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import network.mostro.nostr.PrivateKey;
import network.mostro.nostr.PublicKey;
import network.mostro.nostr.internal.Hex;
import network.mostro.protocol.fixtures.Fixtures;
import network.mostro.protocol.internal.Hkdf;
import org.junit.jupiter.api.Test;

class ChatKeysTest {
    static final Map<String, Object> V =
            Fixtures.object(Fixtures.parse(Fixtures.resource("vectors/mostro-chat-keys.vectors.json")));

    static PrivateKey sk(String name) {
        return PrivateKey.fromHex((String) V.get(name));
    }

    static PublicKey pk(String name) {
        return PublicKey.fromHex((String) V.get(name));
    }

    @Test
    void vectorFromBothSides() {
        PrivateKey alice = sk("alice_trade_private_key");
        PrivateKey bob = sk("bob_trade_private_key");
        assertThat(alice.publicKey()).isEqualTo(pk("alice_trade_public_key"));
        assertThat(bob.publicKey()).isEqualTo(pk("bob_trade_public_key"));
        assertThat(Hex.encode(ChatKeys.sharedSecret(alice, bob.publicKey()))).isEqualTo(V.get("ecdh_shared_secret"));
        ChatKeys a = ChatKeys.derive(alice, bob.publicKey());
        ChatKeys b = ChatKeys.derive(bob, alice.publicKey());
        assertThat(a.conversationPublicKey().toHex()).isEqualTo(V.get("k_conv_public_key_p_tag"));
        assertThat(a.signingPublicKey().toHex()).isEqualTo(V.get("k_sign_public_key_author"));
        assertThat(b).isEqualTo(a);
        assertThat(a.toString()).doesNotContain(a.conversationKey().toHex()).doesNotContain(a.signingKey().toHex());
    }

    @Test
    void keysAreTheHkdfOutputsOfTheSharedSecret() {
        byte[] shared = Hex.decode((String) V.get("ecdh_shared_secret"));
        ChatKeys a = ChatKeys.derive(sk("alice_trade_private_key"), pk("bob_trade_public_key"));
        assertThat(a.conversationKey().toHex()).isEqualTo(Hex.encode(
                Hkdf.derive(new byte[0], shared, "mostro:chat:conv:v1".getBytes(StandardCharsets.UTF_8), 32)));
        assertThat(a.signingKey().toHex()).isEqualTo(Hex.encode(
                Hkdf.derive(new byte[0], shared, "mostro:chat:sign:v1".getBytes(StandardCharsets.UTF_8), 32)));
        assertThat(a.conversationKey()).isNotEqualTo(a.signingKey());
    }

    @Test
    void seededPairsAgreeAndDiffer() {
        Random r = new Random(99);
        for (int i = 0; i < 20; i++) {
            PrivateKey x = PrivateKey.generate(r);
            PrivateKey y = PrivateKey.generate(r);
            PrivateKey z = PrivateKey.generate(r);
            assertThat(ChatKeys.derive(x, y.publicKey())).isEqualTo(ChatKeys.derive(y, x.publicKey()));
            assertThat(ChatKeys.derive(x, y.publicKey())).isNotEqualTo(ChatKeys.derive(x, z.publicKey()));
        }
    }
}
